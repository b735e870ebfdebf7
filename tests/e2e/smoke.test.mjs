// The whole chain in a real browser: the built app loads under a strict CSP,
// shows the engine's first question, takes an answer, and the live policy
// list updates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, Journey } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the first question is the engine\'s and answering it updates the live policy list', async () => {
  const { page, problems, context } = await openApp(browser, server.url);
  const j = new Journey(page);
  await j.start();
  assert.equal(await j.currentFact(), 'city', 'the engine asks city first: it settles the most policies');
  assert.equal(await j.heading(), '您（企业）在哪个城市工作/注册？');
  const before = await j.counts();
  assert.match(before, /0 项符合 · 17 项可能 · 1 项不符合/);
  await j.answer(1); // 枣庄市
  const after = await j.counts();
  assert.notEqual(after, before);
  assert.match(after, /项不符合/);
  const laoshan = page.locator('.summary-row[data-policy="ls-talent-housing"]');
  assert.equal(await laoshan.getAttribute('data-status'), 'ineligible');
  assert.deepEqual(problems, []);
  await context.close();
});
