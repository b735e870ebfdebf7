// The helper's desk (帮办, `#assist=1`): a hall helper enters a citizen's
// answers on one page by keyboard alone, with the verdicts beside updating
// at each answer; the citizen first reads that a helper will do so and that
// the answers stay on the device; the citizen takes home the same receipt and
// QR code a kiosk gives; "next person" and the idle timeout wipe everything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, startHost, traces, runAxe, formatViolations, saveScreenshot } from './support.mjs';
import { C, qingdaoApprenticeEnterprise } from './scenarios.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startHost(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the desk with `window.print` counted rather than shown. */
async function openDesk(fragment = '#assist=1', options = {}) {
  const opened = await newPage(browser, options);
  await opened.page.addInitScript(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await opened.page.goto(server.url + fragment);
  await opened.page.getByTestId('start').waitFor();
  return opened;
}

/** The helper confirms the citizen agreed (a click), and the sheet's first rows are drawn. */
async function startSheet(page) {
  await page.getByTestId('start').click();
  await page.locator('#helper-rows .helper-row').first().waitFor();
}

/** Presses Tab (or Shift+Tab, towards an element before the focus) until `selector` has the focus. */
async function keyTo(page, selector, max = 150) {
  for (let i = 0; i < max; i++) {
    const where = await page.evaluate((s) => {
      const target = document.querySelector(s);
      const active = document.activeElement;
      if (!target) return 'missing';
      if (active === target) return 'there';
      if (!active || active === document.body) return 'after';
      return active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? 'before' : 'after';
    }, selector);
    if (where === 'there') return;
    if (where === 'missing') throw new Error(`${selector} is not on the page`);
    await page.keyboard.press(where === 'before' ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reached in ${max} key presses`);
}

/** The sheet's rows: fact id, kind of control and whether answered. */
function sheetRows(page) {
  return page.locator('#helper-rows .helper-row').evaluateAll((rows) => rows.map((row) => {
    const inputs = [...row.querySelectorAll('input')];
    const text = row.querySelector('input[type=text]');
    return {
      fact: row.dataset.fact,
      kind: text ? 'text' : inputs[0].type,
      answered: inputs.some((i) => i.checked) || (text && text.value !== ''),
      first: inputs[0].id,
      text: text?.id,
    };
  }));
}

/**
 * Answers every open row of the sheet by keyboard, first unanswered first,
 * until none is left: `answers` as the questionnaire's (a choice index, a
 * list for "all that apply", text for a number; unlisted: "I don't know"),
 * leaving the facts in `skip` open (and, with `onlyListed`, every fact not in
 * `answers`). Returns the facts in the order answered.
 */
async function answerSheet(page, answers, { max = 40, skip = [], onlyListed = false } = {}) {
  const done = [];
  for (let n = 0; n < max; n++) {
    const row = (await sheetRows(page)).find((r) => !r.answered && !skip.includes(r.fact) && (!onlyListed || r.fact in answers));
    if (!row) return done;
    const value = row.fact in answers ? answers[row.fact] : null;
    done.push(row.fact);
    if (row.kind === 'text') {
      if (value === null) {
        await keyTo(page, `#f${row.text.slice(1, -'-input'.length)}-dk`);
        await page.keyboard.press('Space');
      } else {
        await keyTo(page, `#${row.text}`);
        await page.keyboard.type(String(value));
        await page.keyboard.press('Tab'); // commits the number
      }
    } else if (row.kind === 'radio') {
      await keyTo(page, `#${row.first}`);
      // Into a group with nothing chosen, focus is on its first choice:
      // Space takes it, the arrows move and choose; up from the first
      // wraps round to the last, "I don't know".
      if (value === null) await page.keyboard.press('ArrowUp');
      else if (value === 0) await page.keyboard.press('Space');
      else for (let i = 0; i < value; i++) await page.keyboard.press('ArrowDown');
    } else {
      const ix = row.first.slice(1, -'-0'.length);
      const picks = value === null ? ['dk'] : value.length === 0 ? ['none'] : value;
      for (const p of picks) {
        const count = await page.locator(`#helper-rows [data-fact="${row.fact}"] input`).count();
        // "None of these" is the value after the last choice; "I don't know" is "dk".
        const id = p === 'dk' ? `f${ix}-dk` : p === 'none' ? `f${ix}-${count - 2}` : `f${ix}-${p}`;
        await keyTo(page, `#${id}`);
        await page.keyboard.press('Space');
      }
    }
    await page.waitForFunction((f) => {
      const r = document.querySelector(`#helper-rows [data-fact="${f}"]`);
      return !r || [...r.querySelectorAll('input')].some((i) => i.checked || (i.type === 'text' && i.value !== ''));
    }, row.fact);
    await nextFrames(page);
  }
  throw new Error(`rows still open after ${max} answers: ${done.join(', ')}`);
}

/** Two animation frames: an answer's redraw of the sheet has run. */
const nextFrames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

const verdictOf = (page, policy) => page.locator(`[data-testid=live-summary] [data-policy="${policy}"]`).getAttribute('data-status');

test('a helper enters a whole enterprise case by keyboard only, the citizen takes home the receipt and code, and the next person starts empty', async () => {
  const { page, context, problems, requests } = await openDesk();
  const historyLength = (await traces(page)).history;
  // The citizen reads first, in plain words, what will happen to their answers.
  const consent = await page.getByTestId('assist-consent').innerText();
  assert.match(consent, /工作人员/);
  assert.match(consent, /只保存在这台设备上/);
  assert.match(consent, /清除/);
  assert.equal((await page.getByTestId('start').innerText()).trim(), '对方已同意，开始录入', 'the helper confirms the citizen agreed');
  await keyTo(page, '[data-testid=start]');
  await page.keyboard.press('Enter');
  await page.getByTestId('helper-sheet').waitFor();
  await page.locator('#helper-rows .helper-row').first().waitFor();

  const first = await sheetRows(page);
  assert.deepEqual(first.slice(0, 2).map((r) => r.fact), ['applicant', 'city'], 'who is asking and where come first');
  assert.ok(!first.some((r) => r.fact === 'district'), 'the district is not asked before the city is known');
  assert.ok(first.length > 5, `every open question is on the page: ${first.map((r) => r.fact)}`);
  const emptyCounts = await page.getByTestId('summary-counts').innerText();

  // The verdicts beside follow each answer, before the sheet is done.
  const count = qingdaoApprenticeEnterprise.apprentice_count;
  const { applicant, city } = qingdaoApprenticeEnterprise;
  await answerSheet(page, { applicant, city }, { onlyListed: true });
  assert.equal(await verdictOf(page, 'qd-apprenticeship-subsidy'), 'undetermined', 'an enterprise in Qingdao: not yet known');
  await answerSheet(page, qingdaoApprenticeEnterprise, { skip: ['apprentice_count'] });
  assert.notEqual(await page.getByTestId('summary-counts').innerText(), emptyCounts, 'the counts changed as answers were given');
  assert.equal(await verdictOf(page, 'qd-apprenticeship-subsidy'), 'eligible', 'the verdict beside followed the answers');
  const rows = await sheetRows(page);
  assert.ok(rows.some((r) => r.fact === 'apprentice_count' && !r.answered), 'the number of apprentices is on the sheet, still open');
  for (const f of ['age', 'retired', 'education', 'talent_titles']) assert.ok(!rows.some((r) => r.fact === f), `an enterprise is not asked ${f}`);
  assert.ok(rows.some((r) => r.fact === 'district'), 'Qingdao opened the district, in place');
  assert.ok(rows.findIndex((r) => r.fact === 'city') < rows.findIndex((r) => r.fact === 'district'));

  // A mistyped number is refused where it was typed, and nothing else moves.
  const countRow = rows.find((r) => r.fact === 'apprentice_count');
  await keyTo(page, `#${countRow.text}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('ten');
  await page.keyboard.press('Tab');
  const error = page.locator(`#helper-rows [data-fact=apprentice_count] .field-error`);
  await error.waitFor();
  assert.match(await error.innerText(), /数字/);
  assert.equal(await page.locator(`#${countRow.text}`).getAttribute('aria-invalid'), 'true');
  // Corrected where it is: the sum follows at once, beside the questions.
  await keyTo(page, `#${countRow.text}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(count);
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid=live-summary] [data-policy="qd-apprenticeship-subsidy"]')?.dataset.status === 'eligible');
  assert.equal(await error.isHidden(), true, 'the error is gone');
  await saveScreenshot(page, 'helper-sheet-enterprise');

  // The citizen gets the results as they would themselves.
  await keyTo(page, '[data-testid=helper-results]');
  await page.keyboard.press('Enter');
  await page.locator('.results-page').waitFor();
  const card = page.getByTestId('group-eligible').locator('[data-testid=policy-card][data-policy="qd-apprenticeship-subsidy"]');
  assert.match(await card.getByTestId('worked-sum').innerText(), /6,000 元\/人·年 × 2 年 × 10 人 = 120,000 元/);
  assert.equal(await page.getByTestId('qr-code').count(), 1, 'the code to take home');
  assert.match(await page.getByTestId('qr-address').innerText(), /^http/, 'with the address it opens in words');
  await keyTo(page, '[data-testid=print]');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__printed), 1, 'print was asked for');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(Math.abs(Number(box[1]) * 25.4 / 72 - 80) < 1, 'an 80 mm receipt, as at a kiosk');
  await page.emulateMedia({ media: 'screen' });

  // Nothing was kept or sent while the helper worked.
  let t = await traces(page);
  assert.equal(t.session + t.local, 0, 'no storage');
  assert.equal(t.hash, '#assist=1', 'no answers in the address');
  assert.equal(t.history, historyLength, 'no history entries');
  assert.deepEqual(requests.filter((r) => !r.url.startsWith(server.url) || r.method !== 'GET'), [], 'only the app\'s own files were fetched');

  // Next person: pressed, it offers a few seconds to undo; then everything goes.
  assert.equal((await page.getByTestId('end-session').innerText()).trim(), '下一位');
  await keyTo(page, '[data-testid=end-session]');
  await page.keyboard.press('Enter');
  await page.getByTestId('ending-note').waitFor();
  await keyTo(page, '[data-testid=clear-now]');
  await page.keyboard.press('Enter');
  await page.getByTestId('assist-consent').waitFor();
  t = await traces(page);
  assert.equal(t.session + t.local, 0);
  assert.equal(t.hash, '#assist=1');
  assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'false', 'read-aloud stays as the desk was launched');
  await keyTo(page, '[data-testid=start]');
  await page.keyboard.press('Enter');
  await page.locator('#helper-rows .helper-row').first().waitFor();
  const fresh = await sheetRows(page);
  assert.deepEqual(fresh.map((r) => r.fact), first.map((r) => r.fact), 'the same empty sheet as the first person\'s');
  assert.ok(fresh.every((r) => !r.answered), 'nothing of the last person is left');
  assert.equal(await page.getByTestId('summary-counts').innerText(), emptyCounts);
  assert.deepEqual(problems, []);
  await context.close();
});

test('"I don\'t know" is an answer like any other, and "none of these" and "I don\'t know" clear the other boxes', async () => {
  const { page, context, problems } = await openDesk();
  await startSheet(page);
  await answerSheet(page, { applicant: C.applicant.individual, city: C.city.qingdao, district: C.district.laoshan }, { onlyListed: true });
  const titles = page.locator('#helper-rows [data-fact=talent_titles]');
  await titles.waitFor();
  const boxes = titles.locator('input');
  const n = await boxes.count();
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await boxes.nth(n - 2).check(); // none of these
  assert.deepEqual(await boxes.evaluateAll((b) => b.map((x) => x.checked)), [...Array(n - 2).fill(false), true, false], 'none of these clears the titles');
  await boxes.nth(n - 1).check(); // I don't know
  assert.deepEqual(await boxes.evaluateAll((b) => b.map((x) => x.checked)), [...Array(n - 1).fill(false), true], '"I don\'t know" clears "none of these"');
  await boxes.nth(0).check();
  assert.equal(await boxes.nth(n - 1).isChecked(), false, 'a title clears "I don\'t know"');
  // A number answered "I don't know" is cleared, and stays open in the verdicts.
  const age = page.locator('#helper-rows [data-fact=age]');
  await age.locator('input[type=text]').fill('45');
  await age.locator('input[type=text]').press('Tab');
  await age.locator('input[type=checkbox]').check();
  assert.equal(await age.locator('input[type=text]').inputValue(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the desk in English at 320 px and as a kiosk has no axe violations and no sideways scrolling', async () => {
  for (const [fragment, viewport] of [['#assist=1&lang=en', { width: 320, height: 640 }], ['#assist=1&kiosk=1', { width: 1080, height: 1920 }]]) {
    const { page, context, problems } = await openDesk(fragment, { viewport });
    const check = async (where) => {
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `${fragment} ${where}:\n${formatViolations(violations)}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${fragment} ${where}: no sideways scrolling`);
    };
    await check('start');
    if (fragment.includes('lang=en')) assert.match(await page.getByTestId('assist-consent').innerText(), /stay on this device only/);
    await startSheet(page);
    await answerSheet(page, { applicant: C.applicant.individual, city: C.city.qingdao, district: C.district.laoshan }, { onlyListed: true });
    const age = page.locator('#helper-rows [data-fact=age] input[type=text]');
    await age.fill('abc');
    await age.press('Tab');
    await page.locator('#helper-rows [data-fact=age] .field-error').waitFor();
    await check('sheet with an error');
    await saveScreenshot(page, `helper-sheet-${viewport.width}`);
    await page.getByTestId('helper-results').click();
    await page.locator('.results-page').waitFor();
    await check('results');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('idle at the desk: the warning, then a full wipe back to the citizen\'s sentence', async () => {
  const { page, context, problems } = await openDesk('#assist=1&idle=30', { clock: true });
  await startSheet(page);
  await answerSheet(page, { applicant: C.applicant.individual, city: C.city.qingdao }, { onlyListed: true });
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 200));
  await page.locator('#page-heading').click();
  await page.clock.runFor(30_500);
  await page.getByTestId('idle-warning').waitFor();
  await page.clock.runFor(31_000);
  await page.getByTestId('assist-consent').waitFor();
  const t = await traces(page);
  assert.equal(t.session + t.local, 0);
  assert.equal(t.hash, '#assist=1&idle=30');
  await page.getByTestId('start').click();
  await page.clock.runFor(100); // the rows are drawn in the next frame
  await page.locator('#helper-rows .helper-row').first().waitFor();
  assert.ok((await sheetRows(page)).every((r) => !r.answered), 'an empty sheet');
  assert.deepEqual(problems, []);
  await context.close();
});

test('no route leads past the citizen\'s sentence without the helper\'s confirmation, and a wipe asks for it again', async () => {
  const { page, context, problems } = await openDesk('#assist=1&policy=qd-apprenticeship-subsidy&check=1');
  await page.getByTestId('assist-consent').waitFor();
  assert.equal(await page.locator('.question-page, .helper-page').count(), 0, 'a link straight to a question opens the start page');
  // Nor a link's answers with a policy's verdict.
  const linked = await openDesk('#assist=1&policy=qd-apprenticeship-subsidy&a=applicant:enterprise;city:qingdao');
  await linked.page.getByTestId('assist-consent').waitFor();
  assert.equal(await linked.page.locator('.policy-page').count(), 0, 'no verdict for a link\'s answers before the helper confirms');
  assert.deepEqual(linked.problems, []);
  await linked.context.close();
  // From the library's "check all policies": back to the start page too.
  await page.getByTestId('open-library').click();
  await page.locator('.library-page').waitFor();
  await page.getByTestId('library-start').click();
  await page.getByTestId('assist-consent').waitFor();
  assert.equal(await page.locator('.helper-page').count(), 0);
  await startSheet(page);
  await page.getByTestId('end-session').click();
  await page.getByTestId('clear-now').click();
  await page.getByTestId('assist-consent').waitFor();
  await page.getByTestId('open-library').click();
  await page.getByTestId('library-start').click();
  await page.getByTestId('assist-consent').waitFor();
  assert.equal(await page.locator('.helper-page').count(), 0, 'the next citizen is asked again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a refused number leaves its question unanswered, stays with its reason through a redraw, and a question that goes hands the focus on', async () => {
  const { page, context, problems } = await openDesk();
  await startSheet(page);
  await answerSheet(page, { applicant: C.applicant.individual, city: C.city.qingdao, district: C.district.laoshan }, { onlyListed: true });
  const statuses = () => page.locator('[data-testid=live-summary] [data-policy]').evaluateAll((rows) => rows.map((r) => `${r.dataset.policy}:${r.dataset.status}`).join(' '));
  const before = await statuses();
  const age = page.locator('#helper-rows [data-fact=age] input[type=text]');
  await age.fill('65');
  await age.press('Tab');
  await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=live-summary] [data-policy]')].map((r) => `${r.dataset.policy}:${r.dataset.status}`).join(' ') !== b, before);
  await age.fill('6x5');
  await age.press('Tab');
  await page.locator('#helper-rows [data-fact=age] .field-error').waitFor();
  await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid=live-summary] [data-policy]')].map((r) => `${r.dataset.policy}:${r.dataset.status}`).join(' ') === b, before);
  assert.equal(await statuses(), before, 'the verdicts no longer use the 65 the refused entry replaced');
  // A redraw (another city) keeps what was typed and why.
  await page.locator('#helper-rows [data-fact=city] input[type=radio]').nth(C.city.zaozhuang).check();
  await page.waitForFunction(() => !document.querySelector('#helper-rows [data-fact=district]'));
  assert.equal(await age.inputValue(), '6x5');
  assert.equal(await age.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#helper-rows [data-fact=age] .field-error').isVisible(), true);
  // Outside Shandong nothing depends on the age: once it is cleared, its
  // row goes, and the focus moves on rather than to the page's body.
  await page.locator('#helper-rows [data-fact=city] input[type=radio]').nth(C.city.other).check();
  // Drawn again: who is asking and where, and the entry being corrected.
  await page.waitForFunction(() => [...document.querySelectorAll('#helper-rows .helper-row')].map((r) => r.dataset.fact).join() === 'applicant,city,age');
  await age.fill('');
  await age.press('Tab');
  await page.waitForFunction(() => !document.querySelector('#helper-rows [data-fact=age]'));
  assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'BODY', 'the focus is not lost');
  // A number typed and the results pressed at once: the sheet goes before
  // its redraw, which must then do nothing (and never crash the desk).
  const apprentices = await openDesk();
  await startSheet(apprentices.page);
  const ageNow = apprentices.page.locator('#helper-rows [data-fact=age] input[type=text]');
  await ageNow.fill('45');
  await apprentices.page.getByTestId('helper-results').click();
  await apprentices.page.locator('.results-page').waitFor();
  await nextFrames(apprentices.page);
  assert.deepEqual(apprentices.problems, [], 'no panic');
  assert.equal(await apprentices.page.locator('.results-page').count(), 1);
  await apprentices.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('at a desk\'s screen nothing the helper tabs to is hidden under the next-person bar', async () => {
  const { page, context, problems } = await openDesk('#assist=1', { viewport: { width: 1280, height: 720 } });
  await startSheet(page);
  const hidden = [];
  for (let i = 0; i < 90; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      const bar = document.querySelector('.kiosk-bar');
      if (!a || a === document.body || !bar || bar.contains(a)) return null;
      const target = a.matches('input') && a.labels?.length ? a.labels[0] : a;
      const r = target.getBoundingClientRect();
      return { id: a.id || a.dataset.testid, bottom: r.bottom, bar: bar.getBoundingClientRect().top };
    });
    if (where && where.bottom > where.bar + 0.5) hidden.push(`${where.id} ends at ${where.bottom} under the bar at ${where.bar}`);
  }
  assert.deepEqual(hidden, []);
  assert.deepEqual(problems, []);
  await context.close();
});
