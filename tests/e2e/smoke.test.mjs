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
  // Before the applicant kind is known, the city question is worded for both.
  assert.equal(await j.heading(), '您在哪个城市工作或居住，或者企业在哪个城市注册？');
  const before = await j.counts();
  // Four numbers: eligible, meets the published conditions, possible, ruled out
  // (the one policy ruled out before any answer is no longer in force).
  assert.match(before, /^0 项符合 · 0 项符合公开条件 · 17 项可能 · 1 项不符合$/);
  // The list is built when it is opened (each question's page starts with it closed).
  assert.equal(await page.locator('.summary-row').count(), 0, 'no rows while the list is closed');
  await page.locator('.live-summary summary').click();
  assert.equal(await page.locator('.summary-row[data-policy="ls-talent-housing"]').getAttribute('data-status'), 'undetermined');
  await j.answer(1); // 枣庄市
  const after = await j.counts();
  assert.notEqual(after, before);
  // Zaozhuang leaves the card, the two title reviews and the provincial card possible.
  assert.match(after, /^0 项符合 · 0 项符合公开条件 · 4 项可能 · 1 项不符合$/);
  // A Laoshan policy is not for someone in Zaozhuang: the live list leaves it
  // out rather than counting it as a near miss.
  await page.locator('.live-summary summary').click();
  assert.equal(await page.locator('.summary-row[data-policy="ls-talent-housing"]').count(), 0, 'a Laoshan policy leaves the live list');
  assert.equal(await page.locator('.summary-row[data-policy="zz-huicai-card"]').getAttribute('data-status'), 'undetermined');
  assert.deepEqual(problems, []);
  await context.close();
});
