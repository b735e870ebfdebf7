// Kiosk mode (`#kiosk=1`): a shared touch screen in a service hall. Large,
// well-spaced targets; no text selection or long-press menu; an "end and
// clear" button everywhere; an idle guard that warns and then wipes; a number
// pad; no trace in storage or the address; a QR code to take the results home;
// recovery from a crash by itself; the elder-friendly mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Journey, startHost, newPage, traces, choices, policyCount } from './support.mjs';

const C = choices();
/** 15 mm at 96 CSS px per inch. */
const MIN_TARGET = 57;
const MIN_GAP = 8;

let server, browser;
before(async () => { [server, browser] = await Promise.all([startHost(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.close(); });

async function openKiosk(fragment, options = {}) {
  const opened = await newPage(browser, options);
  await opened.page.goto(server.url + fragment);
  await opened.page.getByTestId('start').waitFor();
  return opened;
}

/** Answers (unlisted: "I don't know") until `age`, then enters `digits` on the number pad and continues. */
async function answerAgeOnPad(j, digits, answers = {}) {
  await j.answerUntil('age', { applicant: C.applicant.individual, city: C.city.qingdao, district: C.district.laoshan, ...answers });
  for (const d of String(digits)) await j.page.getByTestId(`key-${d}`).click();
  assert.equal(await j.page.locator('#q-input').inputValue(), String(digits));
  await j.page.getByTestId('continue').click();
  await j.page.waitForFunction(() => document.querySelector('.question-page')?.getAttribute('data-fact') !== 'age');
}

/**
 * Too-small touch targets and too-close neighbours on the page showing. A
 * radio button's or checkbox's target is its label, which toggles it too.
 */
async function targetProblems(page) {
  return page.evaluate(({ MIN_TARGET, MIN_GAP }) => {
    const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} "${(e.innerText || e.value || '').trim().slice(0, 20)}"`;
    const target = (e) => {
      if (e.matches('input[type=radio], input[type=checkbox]') && e.labels?.length) {
        const a = e.getBoundingClientRect(); const b = e.labels[0].getBoundingClientRect();
        return { top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom), left: Math.min(a.left, b.left), right: Math.max(a.right, b.right), height: Math.max(a.height, b.height) };
      }
      return e.getBoundingClientRect();
    };
    const problems = [];
    const controls = [...document.querySelectorAll('#app button, #app summary, #app input, #app select, #app textarea')].filter(shown);
    for (const e of controls) {
      const h = target(e).height;
      if (h < MIN_TARGET) problems.push(`${name(e)} is ${h.toFixed(1)} px tall`);
    }
    for (const row of document.querySelectorAll('#app .button-row, #app .header-actions, #app .result-actions, #app .number-pad')) {
      const items = [...row.querySelectorAll('button, a[href], input, summary')].filter(shown);
      for (let i = 0; i < items.length; i++) {
        for (let k = i + 1; k < items.length; k++) {
          const a = target(items[i]); const b = target(items[k]);
          const dx = Math.max(a.left, b.left) - Math.min(a.right, b.right);
          const dy = Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom);
          const gap = Math.max(dx, dy);
          if (gap < MIN_GAP - 0.01) problems.push(`${name(items[i])} and ${name(items[k])} in .${row.className.split(' ')[0]} are ${gap.toFixed(1)} px apart`);
        }
      }
    }
    return problems;
  }, { MIN_TARGET, MIN_GAP });
}

/** What a page must look like after a kiosk wipe: nobody's answers anywhere. */
async function assertWiped(page, { historyLength, typed, initialCounts, startLabel }) {
  await page.getByTestId('start').waitFor();
  assert.equal(await page.locator('.question-page, .review-page, .results-page').count(), 0, 'the start page shows');
  assert.equal(await page.getByTestId('start').innerText(), startLabel, 'the start button offers a new start, not "resume"');
  const t = await traces(page);
  assert.equal(t.session, 0, 'sessionStorage is empty');
  assert.equal(t.local, 0, 'localStorage is empty');
  assert.doesNotMatch(t.hash, /(^#|&)a=/, `no answers in the address: ${t.hash}`);
  assert.equal(t.search, '');
  assert.equal(t.history, historyLength, 'no history entries were added (Back cannot bring the answers back)');
  const text = await page.evaluate(() => document.body.innerText);
  for (const v of typed) assert.ok(!text.includes(v), `the page still shows the previous person's "${v}"`);
  // Starting again: the first question is unanswered and nothing is counted yet.
  const j = new Journey(page);
  await j.start();
  assert.equal(await j.currentFact(), 'applicant');
  assert.equal(await page.locator('.question-page input:checked').count(), 0, 'the first question is unanswered');
  assert.equal(await j.counts(), initialCounts, 'the live summary is back to its initial counts');
}

test('kiosk targets are at least 15 mm tall and 8 px apart; no selection, no context menu; "end and clear" on every page', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1');
  const j = new Journey(page);
  const pages = {};
  const check = async (label) => {
    pages[label] = await targetProblems(page);
    assert.equal(await page.getByTestId('end-session').count(), 1, `"end and clear" on the ${label} page`);
    assert.ok(await page.getByTestId('end-session').isVisible());
    for (const b of await page.locator('#app .button.primary').all()) {
      if (await b.isVisible()) assert.ok((await b.boundingBox()).height >= MIN_TARGET, `primary button on the ${label} page is at least ${MIN_TARGET} px`);
    }
  };
  await check('start');
  await j.start();
  await check('question (choice)');
  await j.answerUntil('age', { city: C.city.qingdao, district: C.district.laoshan });
  await check('question (number pad)');
  await page.getByTestId('key-6').click(); await page.getByTestId('key-5').click();
  await page.getByTestId('continue').click();
  await page.waitForFunction(() => document.querySelector('.question-page')?.getAttribute('data-fact') !== 'age');
  await check('question (set)');
  await j.answerAll({});
  await page.locator('.review-page').waitFor();
  await check('review');
  await j.seeResults();
  await j.openAllDetails();
  await check('results');
  const all = Object.entries(pages).flatMap(([p, list]) => list.map((x) => `${p}: ${x}`));
  assert.deepEqual(all, [], 'every target is large enough and far enough from its neighbours');

  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return s.getPropertyValue('user-select') || s.getPropertyValue('-webkit-user-select');
  });
  assert.equal(style, 'none', 'no text selection on body');
  const prevented = await page.evaluate(() => {
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 });
    document.querySelector('#page-heading').dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.equal(prevented, true, 'the long-press / right-click menu is suppressed');
  assert.deepEqual(problems, []);
  await context.close();

  // The same checks fail outside kiosk mode: they measure something.
  const plain = await newPage(browser);
  await plain.page.goto(server.url);
  await plain.page.getByTestId('start').waitFor();
  assert.equal(await plain.page.evaluate(() => {
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 });
    document.body.dispatchEvent(e);
    return e.defaultPrevented;
  }), false, 'a personal device keeps its context menu');
  assert.equal(await plain.page.getByTestId('end-session').count(), 0);
  await plain.context.close();
});

test('idle: a warning with a countdown after the idle time, continue (twice), then a full wipe', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1&idle=30', { clock: true });
  const j = new Journey(page);
  const historyLength = (await traces(page)).history;
  const startLabel = await page.getByTestId('start').innerText();
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes('77'), 'the start page has no "77" of its own');
  await j.start();
  const initialCounts = await j.counts();
  await answerAgeOnPad(j, '77');
  // From here on the clock moves only when told: a touch at a known instant, then exact idle time.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 200));
  const warning = page.getByTestId('idle-warning');

  for (let round = 1; round <= 3; round++) {
    await page.locator('#page-heading').click(); // a touch: someone is here
    await page.clock.runFor(29_000);
    assert.equal(await warning.count(), 0, `round ${round}: no warning after 29 s`);
    await page.clock.runFor(1_000);
    assert.equal(await warning.count(), 1, `round ${round}: the warning shows after 30 s`);
    const countdown = Number(await page.getByTestId('idle-countdown').innerText());
    assert.ok(countdown >= 28 && countdown <= 30, `round ${round}: countdown ${countdown}`);
    const announced = (await page.getByTestId('idle-announcement').textContent()).trim();
    assert.ok(announced.length > 0 && announced.includes(String(countdown)), `round ${round}: the warning is announced: "${announced}"`);
    await page.clock.runFor(100);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'idle-continue', 'focus is on Continue');
    assert.equal(await page.locator('.question-page').getAttribute('data-fact') !== null, true);
    if (round < 3) {
      await page.getByTestId('idle-continue').click();
      assert.equal(await warning.count(), 0, `round ${round}: Continue hides the warning`);
      assert.notEqual(await j.currentFact(), null, 'the questionnaire is where it was');
    }
  }
  // Third time nobody answers: announced again at 20 s, then wiped at 0.
  await page.clock.runFor(9_900);
  const remaining = Number(await page.getByTestId('idle-countdown').innerText());
  assert.ok(remaining >= 19 && remaining <= 20, `countdown ${remaining}`);
  await page.clock.runFor(21_000);
  assert.equal(await warning.count(), 0, 'the warning is gone after the wipe');
  await assertWiped(page, { historyLength, typed: ['77'], initialCounts, startLabel });
  assert.deepEqual(problems, []);
  await context.close();
});

test('idle: an untouched kiosk start page never warns', async () => {
  const { page, context } = await openKiosk('#kiosk=1&idle=30', { clock: true });
  await page.clock.runFor(65_000);
  assert.equal(await page.getByTestId('idle-warning').count(), 0, 'no warning on an untouched start page');
  await context.close();
});

test('idle: an untouched kiosk start page with a preset region (#kiosk=1&idle=30&region=laoshan) never warns', async () => {
  const { page, context } = await openKiosk('#kiosk=1&idle=30&region=laoshan', { clock: true });
  await page.clock.runFor(31_000);
  assert.equal(await page.getByTestId('idle-warning').count(), 0, 'no warning on an untouched start page');
  await context.close();
});

test('number pad: digits, delete and clear enter a number; the field is read-only', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1');
  const j = new Journey(page);
  await j.start();
  await j.answerUntil('age', { city: C.city.qingdao, district: C.district.laoshan });
  const input = page.locator('#q-input');
  assert.notEqual(await input.getAttribute('readonly'), null, 'the field is read-only: no on-screen keyboard');
  assert.equal(await input.getAttribute('inputmode'), 'none');
  const key = (k) => page.getByTestId(`key-${k}`).click();
  for (let d = 0; d <= 9; d++) assert.equal(await page.getByTestId(`key-${d}`).count(), 1, `key ${d}`);
  await key(1); await key(2); await key(3);
  assert.equal(await input.inputValue(), '123');
  await key('clear');
  assert.equal(await input.inputValue(), '');
  await key(7); await key(7); await key('delete'); await key(7); await key(0); await key('delete');
  assert.equal(await input.inputValue(), '77');
  // Typing does nothing to a read-only field.
  await input.focus();
  await page.keyboard.type('5');
  assert.equal(await input.inputValue(), '77');
  await page.getByTestId('continue').click();
  await page.waitForFunction(() => document.querySelector('.question-page')?.getAttribute('data-fact') !== 'age');
  assert.notEqual(await j.currentFact(), 'age', 'Continue takes the number');
  // Back shows the number kept.
  await page.getByTestId('back').click();
  await page.locator('.question-page[data-fact=age]').waitFor();
  assert.equal(await page.locator('#q-input').inputValue(), '77');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"end and clear" mid-journey offers a few seconds to undo a mis-tap, then wipes by itself, or at once with "clear now"', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1');
  await page.clock.install();
  await page.reload();
  await page.getByTestId('start').waitFor();
  const j = new Journey(page);
  const historyLength = (await traces(page)).history;
  const startLabel = await page.getByTestId('start').innerText();
  await j.start();
  const initialCounts = await j.counts();
  await answerAgeOnPad(j, '71');
  const fact = await j.currentFact();
  // A mis-tap: undo keeps everything.
  await page.getByTestId('end-session').click();
  assert.match(await page.getByTestId('ending-note').innerText(), /5 秒后将清除/);
  const bar = await page.locator('.kiosk-bar').boundingBox();
  const viewport = page.viewportSize();
  assert.ok(bar.y + bar.height > viewport.height - 120, `the bar sits at the foot of the screen, apart from the header's buttons: ${JSON.stringify(bar)}`);
  await page.getByTestId('undo-end').click();
  assert.equal(await j.currentFact(), fact, 'undo keeps the person where they were');
  await page.clock.runFor(6_000);
  assert.equal(await j.currentFact(), fact, 'and no wipe comes later');
  // Meant: it wipes by itself after the few seconds.
  await page.getByTestId('end-session').click();
  await page.clock.runFor(5_100);
  await assertWiped(page, { historyLength, typed: ['71'], initialCounts, startLabel });
  assert.deepEqual(problems, []);
  await context.close();
});

test('"end and clear" then "clear now" mid-journey wipes at once, and returns to the launch language and size', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1');
  const j = new Journey(page);
  const historyLength = (await traces(page)).history;
  const startLabel = await page.getByTestId('start').innerText();
  await j.start();
  const initialCounts = await j.counts();
  await answerAgeOnPad(j, '77');
  await j.answer(null);
  await page.getByTestId('elder-toggle').click();
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang.startsWith('en'));
  await page.getByTestId('end-session').click();
  await page.getByTestId('clear-now').click();
  assert.equal(await page.evaluate(() => document.documentElement.lang.startsWith('zh')), true, 'back to the launch language');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), false, 'back to the launch size');
  await assertWiped(page, { historyLength, typed: ['77'], initialCounts, startLabel });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a kiosk writes nothing to storage and never puts answers in the address', async () => {
  const spy = () => {
    window.__writes = [];
    for (const m of ['setItem', 'removeItem', 'clear']) {
      const orig = Storage.prototype[m];
      Storage.prototype[m] = function (...args) { window.__writes.push(`${this === localStorage ? 'local' : 'session'}.${m}(${args.join(', ')})`); return orig.apply(this, args); };
    }
    window.__urls = [];
    for (const m of ['pushState', 'replaceState']) {
      const orig = History.prototype[m];
      History.prototype[m] = function (...args) { window.__urls.push(`${m} ${args[2]}`); return orig.apply(this, args); };
    }
  };
  const { page, problems, context } = await openKiosk('#kiosk=1', { initScript: spy });
  const j = new Journey(page);
  const steps = [];
  const check = async (label) => {
    const t = await traces(page);
    steps.push(label);
    assert.equal(t.session, 0, `sessionStorage empty at ${label}`);
    assert.equal(t.local, 0, `localStorage empty at ${label}`);
    assert.doesNotMatch(t.hash, /(^#|&)a=/, `no answers in the address at ${label}: ${t.hash}`);
    assert.equal(t.search, '');
    assert.equal(await page.evaluate(() => document.cookie), '');
  };
  await check('start');
  await j.start();
  for (let i = 0; i < 40; i++) {
    const fact = await j.currentFact();
    if (!fact) break;
    await check(`question ${fact}`);
    if (fact === 'age') {
      await page.getByTestId('key-6').click(); await page.getByTestId('key-6').click();
      await page.getByTestId('continue').click();
      await page.waitForFunction(() => document.querySelector('.question-page')?.getAttribute('data-fact') !== 'age');
    } else if (fact === 'city') await j.answer(C.city.qingdao);
    else if (fact === 'district') await j.answer(C.district.shinan);
    else await j.answer(null);
  }
  await page.locator('.review-page').waitFor();
  await check('review');
  await page.getByTestId('lang-switch').click();
  await check('language switched');
  await page.getByTestId('elder-toggle').click();
  await check('elder mode');
  await j.seeResults();
  await check('results');
  await page.getByTestId('review').click();
  await check('review again');
  const { writes, urls } = await page.evaluate(() => ({ writes: window.__writes, urls: window.__urls }));
  assert.deepEqual(writes.filter((w) => w.includes('setItem')), [], 'no storage writes at all');
  assert.deepEqual(urls.filter((u) => /[#&]a=/.test(u)), [], 'the address never carried answers, even briefly');
  assert.ok(steps.length > 8);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the QR code on the kiosk results opens the same results on a phone; share= sets its base', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1');
  const j = new Journey(page);
  await j.start();
  await answerAgeOnPad(j, '66');
  await j.answerAll({ retired: C.retired.yes, applicant: C.applicant.individual });
  await page.locator('.review-page').waitFor();
  await j.seeResults();
  const qr = page.locator('svg[data-testid=qr-code]');
  assert.equal(await qr.count(), 1, 'an svg QR code');
  assert.ok(await qr.isVisible());
  assert.ok(await qr.locator('path').count() > 0, 'the code is drawn');
  const link = await qr.getAttribute('data-text');
  const url = new URL(link);
  assert.match(url.hash, /^#a=/, `the code carries the answers in the fragment: ${link}`);
  assert.match(url.hash, /age:66/);
  assert.doesNotMatch(url.hash, /kiosk/, 'a phone opening the link is not a kiosk');
  assert.equal(url.search, '');
  const kioskResults = await j.results();
  assert.equal(Object.keys(kioskResults).length, policyCount());

  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await phone.page.goto(link);
  await phone.page.locator('.results-page').waitFor();
  assert.deepEqual(await new Journey(phone.page).results(), kioskResults, 'the same verdicts on the phone');
  assert.equal(await phone.page.evaluate(() => document.documentElement.classList.contains('kiosk')), false);
  assert.deepEqual(phone.problems, []);
  await phone.context.close();
  assert.deepEqual(problems, []);
  await context.close();

  const shared = await openKiosk(`#kiosk=1&share=${encodeURIComponent('https://example.gov.cn/policy/')}`);
  const j2 = new Journey(shared.page);
  await j2.runToResults({ city: C.city.zaozhuang });
  const text = await shared.page.getByTestId('qr-code').getAttribute('data-text');
  assert.ok(text.startsWith('https://example.gov.cn/policy/#a='), `the code points at the public address: ${text}`);
  assert.match(text, /city:zaozhuang/);
  assert.deepEqual(shared.problems, []);
  await shared.context.close();
});

test('a kiosk recovers from a crash by itself: apology at once, start screen again within 5 s', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url + '#kiosk=1&selftest=panic');
  await page.getByTestId('start').waitFor();
  const shown = Date.now();
  const fatal = page.locator('#fatal');
  await fatal.waitFor({ state: 'visible', timeout: 1_000 });
  assert.ok((await fatal.innerText()).trim().length > 0, 'an apology shows');
  assert.equal(await page.getByTestId('reload').count(), 0, 'a kiosk needs nobody to press reload');
  // The restarted page runs on Playwright's clock (from its first script on;
  // the crashed page's restart timer is already set and stays real), so that
  // the test can run its timers ahead below.
  await page.clock.install();
  await page.evaluate(() => { window.__crashed = true; });
  await page.waitForFunction(() => !window.__crashed && document.querySelector('#fatal')?.hidden === true && !!document.querySelector('[data-testid=start]'), null, { timeout: 5_000 });
  assert.ok(Date.now() - shown < 6_000);
  assert.ok(await page.getByTestId('start').isVisible());
  assert.ok(await fatal.isHidden());
  const url = new URL(page.url());
  assert.doesNotMatch(url.hash, /selftest/, `the restart does not crash again: ${url.hash}`);
  assert.match(url.hash, /kiosk=1/, 'still a kiosk');
  // And it stays up (no crash loop): the self-test crashes 300 ms after the
  // app is mounted. The restarted app is mounted (its start button shows):
  // run the next second of its timers at once (the idle guard's first tick
  // among them), so that a crash timer, had the restart set one, has fired.
  // (The fake clock hides the performance timeline, so no pe:mounted here.)
  await page.clock.runFor(1_000);
  assert.ok(await fatal.isHidden());
  await context.close();
});

test('a kiosk that keeps crashing as it starts stops restarting after a few tries and says so, instead of reloading for ever', async () => {
  // Two restarts in a row already: one more crash restarts once more ...
  const { page, context } = await newPage(browser);
  await page.goto(server.url + '#kiosk=1&selftest=panic&restarts=2');
  const fatal = page.locator('#fatal');
  await fatal.waitFor({ state: 'visible', timeout: 2_000 });
  await page.waitForFunction(() => document.querySelector('#fatal')?.hidden === true && !!document.querySelector('[data-testid=start]'), null, { timeout: 6_000 });
  assert.match(new URL(page.url()).hash, /restarts=3/, `the count went up: ${page.url()}`);
  await context.close();
  // ... and past the limit it stops: the panel stays, with a reload button for staff.
  const stuck = await newPage(browser);
  let loads = 0;
  stuck.page.on('load', () => { loads += 1; });
  await stuck.page.goto(server.url + '#kiosk=1&selftest=panic&restarts=3');
  await stuck.page.locator('#fatal').waitFor({ state: 'visible', timeout: 2_000 });
  assert.match(await stuck.page.locator('#fatal').innerText(), /已停止自动重启/);
  assert.equal(await stuck.page.getByTestId('reload').count(), 1, 'staff can restart it by hand');
  const loadsAtCrash = loads;
  await stuck.page.waitForTimeout(4_500); // longer than the 3 s restart a kiosk would take
  assert.equal(loads, loadsAtCrash, 'no reload after giving up');
  assert.ok(await stuck.page.locator('#fatal').isVisible());
  await stuck.context.close();
});

test('the elder-friendly toggle enlarges the text and says it is on', async () => {
  const { page, problems, context } = await openKiosk('#kiosk=1');
  const toggle = page.getByTestId('elder-toggle');
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const before = await size();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const after = await size();
  assert.ok(after > before * 1.1, `body text grows: ${before}px -> ${after}px`);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await size(), before);
  assert.deepEqual(problems, []);
  await context.close();
});
