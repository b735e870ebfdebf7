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
  assert.equal(await j.currentFact(), 'applicant', 'the pack opens with who is asking (facts.toml: opening)');
  assert.equal(await j.heading(), '您是以个人还是企业身份查询？');
  assert.equal((await page.getByTestId('questions-left').innerText()).trim(), '', 'no count of questions before who and where are known');
  const before = await j.counts();
  // Nothing known yet: every policy needs answers, but the one no longer in force.
  assert.match(before, /^17 项还需更多信息 · 1 项不在有效期内$/);
  // The list is built when it is opened (each question's page starts with it closed).
  assert.equal(await page.locator('.summary-row').count(), 0, 'no rows while the list is closed');
  await page.locator('.live-summary summary').click();
  assert.equal(await page.locator('.summary-row[data-policy="ls-talent-housing"]').getAttribute('data-status'), 'undetermined');
  await j.answer(0); // 个人
  assert.equal(await j.currentFact(), 'city');
  assert.equal(await j.heading(), '您在哪个城市工作或居住？', 'worded for a person once that is known');
  await j.answer(1); // 枣庄市
  const after = await j.counts();
  assert.notEqual(after, before);
  // A person in Zaozhuang: the card, the two title reviews and the provincial card still need answers;
  // what is not for them leaves the count rather than adding to it.
  assert.match(after, /^4 项还需更多信息 · 1 项不在有效期内$/);
  assert.match(await page.getByTestId('questions-left').innerText(), /\d/, 'the count shows once who and where are known');
  // A Laoshan policy is not for someone in Zaozhuang: the live list leaves it
  // out rather than counting it as a near miss.
  await page.locator('.live-summary summary').click();
  assert.equal(await page.locator('.summary-row[data-policy="ls-talent-housing"]').count(), 0, 'a Laoshan policy leaves the live list');
  assert.equal(await page.locator('.summary-row[data-policy="zz-huicai-card"]').getAttribute('data-status'), 'undetermined');
  assert.deepEqual(problems, []);
  await context.close();
});
