// Read-aloud (朗读, issue 19) with the browser's speech API observed from the
// page: a stand-in `speechSynthesis` records what was spoken, in which
// language, at what rate and with which voice, and every cancel. Its voices
// arrive late, as Chromium's do. With no voice, or only a network voice
// (which would send the text away), there is no control at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, Journey, KioskJourney, runAxe, formatViolations } from './support.mjs';
import { C, qingdaoApprenticeEnterprise } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const LOCAL_VOICES = [
  { name: 'local-zh', lang: 'zh-CN', localService: true },
  { name: 'local-en', lang: 'en-US', localService: true },
];

/** An init script installing the stand-in speech API with `voices`. */
function speechWith(voices) {
  return `(${(list) => {
    const log = [];
    const listeners = [];
    let available = [];
    let current = null;
    window.__speech = log;
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
    const synth = {
      get speaking() { return current !== null; },
      pending: false,
      getVoices: () => available,
      speak(u) { log.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name }); current = u; },
      cancel() {
        if (!current) return;
        log.push({ cancel: true });
        const u = current;
        current = null;
        setTimeout(() => u.onerror?.({ error: 'interrupted' }), 0);
      },
      addEventListener(type, f) { if (type === 'voiceschanged') listeners.push(f); },
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    setTimeout(() => { available = list; listeners.forEach((f) => f()); }, 100);
    window.__endSpeech = () => { const u = current; current = null; u?.onend?.({}); };
  }})(${JSON.stringify(voices)})`;
}

async function open({ voices = LOCAL_VOICES, hash = '', viewport } = {}) {
  const app = await newPage(browser, { initScript: speechWith(voices), viewport });
  await app.page.goto(server.url + hash);
  await app.page.getByTestId('start').waitFor();
  return app;
}

const spoken = (page) => page.evaluate(() => window.__speech.filter((e) => !e.cancel));
const cancels = (page) => page.evaluate(() => window.__speech.filter((e) => e.cancel).length);
const visibleControls = (page) => page.locator('[data-read], [data-testid=read-toggle]').evaluateAll((els) => els.filter((e) => e.offsetParent !== null).length);

test('with a local voice, the header switches read-aloud on; a question is read with its hint and choices in Chinese; a second press stops; a new page stops it', async () => {
  const { context, page, problems } = await open();
  try {
    const toggle = page.getByTestId('read-toggle');
    await toggle.waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const j = new Journey(page);
    await j.start();
    const read = page.getByTestId('read-question');
    assert.equal(await read.isVisible(), false, 'no control until switched on');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await read.click();
    const [first] = await spoken(page);
    assert.equal(first.lang, 'zh-CN');
    assert.equal(first.voice, 'local-zh');
    assert.equal(first.rate, 1);
    assert.ok(first.text.startsWith(await j.heading()), first.text);
    assert.match(first.text, /个人。 企业。/, 'its choices, each a sentence');
    assert.equal(await read.getAttribute('aria-pressed'), 'true');
    await read.click();
    assert.equal(await cancels(page), 1, 'a second press stops');
    assert.equal(await read.getAttribute('aria-pressed'), 'false');
    // The cancelled utterance's late end must not stop the next one.
    await read.click();
    await page.waitForTimeout(50);
    assert.equal(await read.getAttribute('aria-pressed'), 'true');
    await j.answer(C.applicant.individual);
    assert.equal(await cancels(page), 2, 'a new page stops speech at once');
    // The next question is read as it now stands: worded for a person.
    await page.getByTestId('read-question').click();
    assert.match((await spoken(page)).at(-1).text, /您在哪个城市工作或居住？/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('in English, the question is read in English with the English voice', async () => {
  const { context, page } = await open();
  try {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('read-toggle').click();
    await new Journey(page).start();
    await page.getByTestId('read-question').click();
    const [first] = await spoken(page);
    assert.equal(first.lang, 'en');
    assert.equal(first.voice, 'local-en');
    assert.match(first.text, /individual/i);
  } finally {
    await context.close();
  }
});

test('a browser with no voice, or only network voices, shows no read-aloud control anywhere and never speaks', async () => {
  for (const voices of [[], [{ name: 'cloud-zh', lang: 'zh-CN', localService: false }, { name: 'cloud-en', lang: 'en-US', localService: false }]]) {
    const { context, page, problems } = await open({ voices });
    try {
      await page.waitForTimeout(300);
      assert.equal(await visibleControls(page), 0, 'no control on the start page');
      await page.getByTestId('elder-toggle').click();
      const j = new Journey(page);
      await j.runToResults(qingdaoApprenticeEnterprise);
      assert.equal(await visibleControls(page), 0, `no control on the results either (${voices.length} voices)`);
      assert.deepEqual(await spoken(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('a kiosk has read-aloud on from the start, a little slower; a result is read with its headline, amount and next step; end-and-clear stops it', async () => {
  const { context, page, problems } = await open({ hash: '#kiosk=1', viewport: { width: 1080, height: 1920 } });
  try {
    const j = new KioskJourney(page);
    await j.start();
    await page.getByTestId('read-question').waitFor({ state: 'visible' });
    await j.answerAll(qingdaoApprenticeEnterprise);
    await j.seeResults();
    const card = j.card('qd-apprenticeship-subsidy');
    await card.getByTestId('read-card').click();
    const said = (await spoken(page)).at(-1);
    assert.ok(said.rate < 1, `slower in a kiosk: ${said.rate}`);
    const name = (await card.locator('h3').innerText()).trim();
    const amount = (await card.getByTestId('amount').innerText()).trim();
    const next = (await card.getByTestId('next-step').innerText()).trim();
    for (const part of [name, amount, next]) assert.ok(said.text.includes(part), `"${part}" in "${said.text}"`);
    assert.ok(!said.text.includes('✓'), 'no status icon read out');
    const before = await cancels(page);
    await page.getByTestId('end-session').click();
    await page.getByTestId('clear-now').click();
    await page.getByTestId('start').waitFor();
    assert.equal(await cancels(page), before + 1, 'the wipe stops speech');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('elder mode brings the controls, reads slower, and the page passes axe with them at 320 px', async () => {
  const { context, page, problems } = await open({ viewport: { width: 320, height: 740 } });
  try {
    await page.getByTestId('read-toggle').waitFor({ state: 'visible' });
    await page.getByTestId('elder-toggle').click();
    assert.equal(await page.getByTestId('read-toggle').getAttribute('aria-pressed'), 'true');
    const j = new Journey(page);
    await j.start();
    await page.getByTestId('read-question').click();
    assert.ok((await spoken(page))[0].rate < 1);
    let found = formatViolations(await runAxe(page));
    await j.answerAll(qingdaoApprenticeEnterprise);
    await j.seeResults();
    assert.ok(await page.getByTestId('read-card').first().isVisible());
    found += formatViolations(await runAxe(page));
    assert.equal(found, '');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 320, `no sideways scrolling: ${scroll}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
