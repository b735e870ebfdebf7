// Embedding: a host site on one origin adds one script tag that frames the app
// from another origin. The iframe follows the app's height; only the app's own
// window and origin can move it; presets, language and theme pass through the
// fragment; results reach the host only when it asked and the applicant agreed.
// Also: host-supplied pack bundles, and the app served from a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchBrowser, Journey, frameMessageBarrier, startHost, newPage, hostPage, hostExamplePage, hostCsp, packBundle, packFiles, compileBundle, choices, policyCount, repoRoot, violations, distFile } from './support.mjs';

const C = choices();
/** A Laoshan talent with a national title who answers everything: results short enough to see whole. */
const LAOSHAN_TALENT = {
  age: '47', applicant: C.applicant.individual, retired: C.retired.no, talent_titles: [C.talent_titles.national_high_level], overseas_talent: C.overseas_talent.no,
  education: C.education.doctorate, role: C.role.professional_technical, craftsman_titles: [], five_olds: [], employer_kinds: [], innovation_track: C.innovation_track.none,
  new_business_form_worker: C.new_business_form_worker.no, founded_enterprise: C.founded_enterprise.no, team_lead: C.team_lead.no, labor_dispute: C.labor_dispute.no,
};
/** A Qingdao enterprise with apprentices (its hours are set per test). */
const ENTERPRISE = {
  applicant: C.applicant.enterprise, city: C.city.qingdao, district: C.district.other, apprentice_occupation_class: C.apprentice_occupation_class.A,
  apprentice_level: C.apprentice_level.senior, apprentice_years: '2', apprentice_count: '3', apprentice_dual_system: C.apprentice_dual_system.yes,
};
const HEIGHT = 'policy-explainer:height';
const RESULTS = 'policy-explainer:results';

// A page that tries to move the host's iframe: when told, it posts from a window that is not the app's.
const FORGER_JS = `addEventListener('message', (e) => {
  if (e.data !== 'forge') return;
  for (const h of [1111, 2222]) parent.postMessage({ type: '${HEIGHT}', height: h + (location.port % 7) }, '*');
  parent.postMessage({ type: '${RESULTS}', pack: 'forged', date: '2000-01-01', results: [{ id: 'forged', status: 'eligible', max_amount: 1 }] }, '*');
  parent.postMessage({ type: 'forger-done', from: location.origin }, '*');
});
parent.postMessage({ type: 'forger-ready', from: location.origin }, '*');`;
const FORGER_HTML = '<!doctype html><title>forger</title><script src="forger.js"></script>';
const forgerFiles = () => ({ '/forger.html': { body: FORGER_HTML }, '/forger.js': { body: FORGER_JS } });

let app, host, third, browser, hostSeq = 0;
before(async () => {
  [app, host, third, browser] = await Promise.all([
    startHost({ extra: forgerFiles() }),
    startHost({ root: null }),
    startHost({ root: null, extra: forgerFiles() }),
    launchBrowser(),
  ]);
  for (const f of ['host-example.css', 'host-example.js']) host.extra['/' + f] = { body: distFile(f) };
  // The deployment's list of hosts allowed to receive results (dist's own is empty).
  app.extra['/embed-hosts.txt'] = { body: `# the test host\n${host.origin}\n` };
});
after(async () => { await browser?.close(); await Promise.all([app?.close(), host?.close(), third?.close()]); });

/**
 * Records every message the host window receives (but the tests' own barrier
 * tokens, see `frameMessageBarrier`), and every results event raised by embed.js.
 */
function captureMessages() {
  window.__messages = [];
  window.__resultEvents = [];
  window.addEventListener('message', (e) => {
    if (typeof e.data === 'string' && e.data.startsWith('pe-test:barrier:')) return;
    const frame = document.querySelector('iframe.policy-explainer-frame');
    window.__messages.push({ origin: e.origin, data: e.data, fromApp: !!frame && e.source === frame.contentWindow });
  });
  document.addEventListener('policy-explainer:results', (e) => window.__resultEvents.push(e.detail));
}

/** Serves `html` as a host page on the host origin and opens it; resolves when the app is up in the frame. */
async function openHost(html, { csp = hostCsp(app.origin, third.origin), ready = '[data-testid=start]', appServer = app, initScript = null } = {}) {
  const url = `/host-${++hostSeq}.html`;
  host.extra[url] = { body: html, csp };
  const opened = await newPage(browser, { initScript: captureMessages });
  if (initScript) await opened.context.addInitScript(initScript);
  await opened.page.goto(host.origin + url);
  const iframe = opened.page.locator('iframe.policy-explainer-frame');
  await iframe.waitFor({ state: 'attached' });
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForURL((u) => u.origin === appServer.origin);
  if (ready) await frame.locator(ready).waitFor();
  return { ...opened, iframe, frame, j: new Journey(frame) };
}

/**
 * Scrolls `locator` (in the app's frame) into view, then waits out the half
 * second in which Chromium discards input to a cross-origin frame that has
 * just moved (its own defence against clickjacking, which applies to a frame
 * that tracks its visibility, as the send section does), then clicks.
 */
async function clickAfterMoving(locator, action = 'click') {
  await locator.scrollIntoViewIfNeeded();
  await new Promise((resolve) => setTimeout(resolve, 700));
  await locator[action]();
}

const messages = (page, type) => page.evaluate((t) => window.__messages.filter((m) => m.data?.type === t), type);

const appHeights = (page) => page.evaluate((t) => window.__messages.filter((m) => m.fromApp && m.data?.type === t).length, HEIGHT);

/**
 * Waits until the app has nothing more to report about its height and the
 * iframe is as tall as the last height it reported; returns that height.
 * Round trips through the app's frame (see `frameMessageBarrier`) until one
 * brings no new report: a report the iframe's own resize caused comes in the
 * next round.
 */
async function settledHeight(page, iframe) {
  const frame = await (await iframe.elementHandle()).contentFrame();
  let reports = await appHeights(page);
  for (let round = 0; ; round++) {
    assert.ok(round < 20, `the app keeps reporting new heights (${reports} reports)`);
    await frameMessageBarrier(page, frame);
    const now = await appHeights(page);
    if (now === reports) break;
    reports = now;
  }
  await page.waitForFunction((type) => {
    const last = window.__messages.filter((m) => m.fromApp && m.data?.type === type).at(-1);
    const frame = document.querySelector('iframe.policy-explainer-frame');
    return last && frame.style.height === `${Math.ceil(last.data.height)}px`;
  }, HEIGHT);
  return iframe.evaluate((e) => parseFloat(e.style.height));
}

test('one script tag frames the app from its own origin, options only in the fragment', async () => {
  const { page, iframe, frame, problems, context } = await openHost(hostPage(app.origin, { 'data-lang': 'zh' }));
  assert.equal(await page.evaluate(() => document.querySelector('script[src$="embed.js"]').nextElementSibling?.matches('iframe.policy-explainer-frame')), true, 'the iframe comes right after the script tag');
  assert.equal(await page.locator('iframe').count(), 1);
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.origin, app.origin);
  assert.equal(src.search, '', 'no query string: options never reach a server');
  assert.match(src.hash, /(^#|&)embed=1(&|$)/);
  assert.equal(new URLSearchParams(src.hash.slice(1)).get('host'), host.origin, 'the host origin is named for the app\'s messages');
  assert.ok((await iframe.getAttribute('title')).trim().length > 0, 'the iframe has a title');
  assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('embedded')), true);
  // The app in the frame runs under its own strict CSP with no violations; so does the host page.
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  // The only requests to the app origin are the app's own files, with no query strings.
  assert.deepEqual(app.requests.filter((r) => r.url.includes('?')), []);
  await context.close();
});

/** The heights the app has posted to the host so far. */
const postedHeights = (page) => page.evaluate((t) => window.__messages.filter((m) => m.fromApp && m.data?.type === t).map((m) => m.data.height), HEIGHT);
/** The app's fixed height for every page before the results (src/app/embed.rs FIXED_HEIGHT) and its results step. */
const FIXED_HEIGHT = 1400;
const HEIGHT_STEP = 600;
const MAX_HEIGHT = 3600;

test('until the results, the host sees one fixed height; the results fit the iframe, rounded up to a coarse step, with no scrollbar inside', async () => {
  const { page, iframe, frame, j, problems, context } = await openHost(hostPage(app.origin));
  assert.equal(await settledHeight(page, iframe), FIXED_HEIGHT, 'the start page');
  await j.start();
  await j.answerAll({ applicant: C.applicant.individual, city: C.city.qingdao, district: C.district.shinan });
  await frame.locator('.review-page').waitFor();
  assert.deepEqual([...new Set(await postedHeights(page))], [FIXED_HEIGHT], 'every question and the answers check: the same height');
  await j.seeResults();
  const resultsHeight = await settledHeight(page, iframe);
  assert.equal(resultsHeight % HEIGHT_STEP, 0, `rounded to ${HEIGHT_STEP} px: ${resultsHeight}`);
  const inner = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: window.innerHeight, body: document.body.offsetHeight }));
  if (inner.body < MAX_HEIGHT) {
    assert.ok(inner.body <= resultsHeight && resultsHeight < inner.body + HEIGHT_STEP, `the step is the next one up from the page (${inner.body}px -> ${resultsHeight}px)`);
    assert.ok(inner.scroll <= inner.view + 2, `no vertical scrollbar inside the iframe: content ${inner.scroll}px in ${inner.view}px`);
  } else {
    assert.equal(resultsHeight, MAX_HEIGHT, `a longer page stops at ${MAX_HEIGHT}px and scrolls inside`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the iframe goes back to the fixed height when the results are left', async () => {
  const { page, iframe, frame, j, context } = await openHost(hostPage(app.origin));
  await j.runToResults({});
  const resultsHeight = await settledHeight(page, iframe);
  assert.notEqual(resultsHeight, FIXED_HEIGHT);
  await frame.getByTestId('start-over').click();
  await frame.getByTestId('start').waitFor();
  assert.equal(await settledHeight(page, iframe), FIXED_HEIGHT);
  await context.close();
});

test('two journeys that differ only in an answer post the same heights, the same number of times, until the results', async () => {
  // The attack: apprentice hours of 987 and 400 (either side of the
  // subsidy's 500-hour line) once gave different heights from the sixth
  // question on.
  const run = async (hours) => {
    const { page, iframe, frame, j, context } = await openHost(hostPage(app.origin));
    await settledHeight(page, iframe);
    await j.start();
    await j.answerAll({ ...ENTERPRISE, apprentice_hours_per_year: hours });
    await frame.locator('.review-page').waitFor();
    await settledHeight(page, iframe);
    const heights = await postedHeights(page);
    await context.close();
    return heights;
  };
  const a = await run('987');
  const b = await run('400');
  assert.deepEqual(a, b, 'the host cannot tell the answers apart');
  assert.deepEqual(a, [FIXED_HEIGHT], `one message, before any answer: ${a}`);
});

test('height messages from another window or origin do not move the iframe; forged results are ignored', async () => {
  const forgers = `<iframe src="${third.origin}/forger.html" title="third-party frame"></iframe>
<iframe src="${app.origin}/forger.html" title="same-origin frame, other window"></iframe>`;
  const { page, iframe, frame, problems, context } = await openHost(hostPage(app.origin, { 'data-send-results': 'true' }, { after: forgers }));
  await page.waitForFunction(() => window.__messages.filter((m) => m.data?.type === 'forger-ready').length === 2);
  const before = await settledHeight(page, iframe);
  // Once the app has settled, the two other frames forge messages...
  await page.evaluate(() => document.querySelectorAll('iframe:not(.policy-explainer-frame)').forEach((f) => f.contentWindow.postMessage('forge', '*')));
  await page.waitForFunction(() => window.__messages.filter((m) => m.data?.type === 'forger-done').length === 2);
  // ...and the host page itself posts to itself.
  await page.evaluate((type) => {
    window.postMessage({ type, height: 3333 }, '*');
    window.postMessage({ type, height: 3333 }, window.location.origin);
  }, HEIGHT);
  await page.waitForFunction(() => window.__messages.filter((m) => m.data?.height === 3333).length === 2);
  const forged = (await messages(page, HEIGHT)).filter((m) => !m.fromApp);
  assert.equal(forged.length, 6, 'the forged messages arrived');
  // embed.js handled each of them as it arrived; a round trip through the
  // app's frame makes sure no report of the app's own is on its way either.
  await frameMessageBarrier(page, frame);
  const height = await iframe.evaluate((e) => parseFloat(e.style.height));
  assert.equal(height, before, 'the iframe did not move');
  const reported = (await messages(page, HEIGHT)).filter((m) => m.fromApp).map((m) => m.data.height);
  assert.ok(reported.includes(height), `the iframe is ${height}px, a height the app reported (${reported})`);
  for (const m of forged) assert.notEqual(height, Math.ceil(m.data.height), `a forged height from ${m.origin} was applied`);
  assert.deepEqual(await page.evaluate(() => window.__resultEvents), [], 'no results event from forged messages');
  // The app's own iframe, navigated to another origin: the right window, the wrong origin.
  await frame.goto(`${third.origin}/forger.html`);
  await page.waitForFunction(() => window.__messages.filter((m) => m.data?.type === 'forger-ready').length === 3);
  await page.evaluate(() => document.querySelector('iframe.policy-explainer-frame').contentWindow.postMessage('forge', '*'));
  await page.waitForFunction(() => window.__messages.filter((m) => m.data?.type === 'forger-done').length === 3);
  // Nothing more from the iframe's window: a round trip through it comes after.
  await frameMessageBarrier(page, frame);
  assert.ok((await messages(page, HEIGHT)).some((m) => m.fromApp && m.origin === third.origin), 'the forged messages came from the iframe\'s window');
  assert.equal(await iframe.evaluate((e) => parseFloat(e.style.height)), before, 'a message from the iframe\'s window but another origin does not move it');
  assert.deepEqual(await page.evaluate(() => window.__resultEvents), [], 'nor raise a results event');
  assert.deepEqual(problems, []);
  await context.close();
});

test('data-region presets city and district; data-lang and data-theme-accent reach the app', async () => {
  const { frame, j, problems, context } = await openHost(hostPage(app.origin, { 'data-region': 'laoshan', 'data-lang': 'en', 'data-theme-accent': '#7a1f1f' }));
  assert.match(await frame.evaluate(() => document.documentElement.lang), /^en/);
  const text = await frame.evaluate(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('[lang^="zh"]').forEach((e) => e.remove()); // the switch back to Chinese
    return copy.textContent;
  });
  assert.doesNotMatch(text, /[\u4e00-\u9fff]/, 'English text, not Chinese');
  assert.match(await frame.locator('#page-heading').innerText(), /[A-Za-z]{3}/);
  assert.equal(await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--pe-accent').trim()), '#7a1f1f');
  assert.equal(await frame.getByTestId('start').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(122, 31, 31)', 'the primary button uses the accent');
  await j.start();
  const first = await j.currentFact();
  assert.ok(first && !['city', 'district'].includes(first), `the first question is ${first}, not the preset city or district`);
  const asked = await j.answerAll({});
  assert.ok(!asked.includes('city') && !asked.includes('district'), `never asks city/district: ${asked}`);
  await frame.locator('.review-page').waitFor();
  await j.seeResults();
  // A Zaozhuang policy is not for Laoshan: a line in the collapsed "not for you" list, in English, not a card.
  assert.equal(await j.card('zz-huicai-card').count(), 0, 'no card for a Zaozhuang policy');
  assert.equal(await j.groupOf('zz-huicai-card'), 'not-for-you');
  assert.equal((await j.results())['zz-huicai-card'], 'not_applicable');
  await frame.locator('details[data-testid=group-not-for-you] > summary').click();
  assert.match(await j.notForYouLine('zz-huicai-card').innerText(), /— Only for Zaozhuang$/);
  // A Laoshan policy stays possible: the preset district counts.
  assert.equal(await j.card('ls-talent-housing').getAttribute('data-status'), 'undetermined');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the other data-* options: target, title, initial height, kiosk, idle, elder, facts; bad colours are ignored', async () => {
  const html = hostPage(app.origin, {
    'data-target': 'tool-here', 'data-title': 'Policy tool (test)', 'data-initial-height': '555',
    'data-kiosk': 'true', 'data-idle': '45', 'data-elder': 'true', 'data-facts': 'applicant:enterprise;city:zaozhuang',
    'data-theme-text': 'red;background:url(x)',
  }, { before: '<section id="tool-here"></section>' });
  const { page, iframe, frame, j, problems, context } = await openHost(html);
  assert.equal(await page.evaluate(() => document.querySelector('#tool-here > iframe.policy-explainer-frame') !== null), true, 'the iframe is put in data-target');
  assert.equal(await iframe.getAttribute('title'), 'Policy tool (test)');
  const hash = new URLSearchParams(new URL(await iframe.getAttribute('src')).hash.slice(1));
  assert.equal(hash.get('kiosk'), '1');
  assert.equal(hash.get('idle'), '45');
  assert.equal(hash.get('elder'), '1');
  assert.equal(hash.get('facts'), 'applicant:enterprise;city:zaozhuang');
  assert.deepEqual(await frame.evaluate(() => [...document.documentElement.classList].sort()), ['elder', 'embedded', 'kiosk', 'shared'], 'a kiosk is a shared device');
  assert.equal(await frame.evaluate(() => document.documentElement.style.getPropertyValue('--pe-text')), '', 'a colour that is not #hex is ignored');
  assert.equal(await frame.getByTestId('end-session').count(), 1, 'a kiosk in a frame');
  await j.start();
  const first = await j.currentFact();
  assert.ok(!['applicant', 'city', 'district'].includes(first), `the preset facts are not asked (first: ${first})`);
  assert.deepEqual(problems, []);
  await context.close();
  // Before the app reports, the iframe has the initial height.
  const plain = hostPage(app.origin, { 'data-initial-height': '555' });
  host.extra['/initial.html'] = { body: plain, csp: hostCsp(app.origin) };
  // data-assist: a helper's desk in a frame, the citizen's sentence first.
  const desk = await openHost(hostPage(app.origin, { 'data-assist': 'true' }));
  assert.equal(new URLSearchParams(new URL(await desk.iframe.getAttribute('src')).hash.slice(1)).get('assist'), '1');
  assert.equal(await desk.frame.getByTestId('assist-consent').count(), 1);
  assert.equal((await desk.frame.getByTestId('end-session').innerText()).trim(), '下一位');
  assert.deepEqual(desk.problems, []);
  await desk.context.close();
  const p2 = await newPage(browser);
  await p2.page.route(`${app.origin}/**`, (route) => new Promise((resolve) => setTimeout(resolve, 300)).then(() => route.continue()));
  // Not until `load`: the host's load waits for the iframe, whose page now
  // preloads its glue and wasm and may have reported its height by then.
  await p2.page.goto(`${host.origin}/initial.html`, { waitUntil: 'domcontentloaded' });
  assert.equal(await p2.page.locator('iframe.policy-explainer-frame').evaluate((e) => e.style.height), '555px');
  await p2.context.close();
});

test('a host\'s preset region is not a returning visitor: the start page offers Start, with nothing to clear', async () => {
  const { frame, context } = await openHost(hostPage(app.origin, { 'data-region': 'laoshan', 'data-lang': 'en' }));
  const plain = await newPage(browser);
  await plain.page.goto(`${app.url}#lang=en`);
  await plain.page.getByTestId('start').waitFor();
  const startLabel = await plain.page.getByTestId('start').innerText();
  await plain.context.close();
  assert.equal(await frame.getByTestId('start').innerText(), startLabel, 'the same Start button as without a preset');
  assert.equal(await frame.getByTestId('clear-answers').count(), 0, 'no answers to clear on a first visit');
  await context.close();
});

test('results are not sent unless the host asks: no send section and no results message', async () => {
  const { page, frame, j, problems, context } = await openHost(hostPage(app.origin, { 'data-region': 'laoshan' }));
  await j.runToResults({ age: '47' });
  await frame.locator('[data-testid=policy-card]').first().waitFor();
  assert.equal(await frame.getByTestId('send-results').count(), 0, 'no send section');
  await frame.getByTestId('review').click();
  await j.seeResults();
  // Whatever the app posts on showing the results has arrived before a round trip through its frame.
  await frameMessageBarrier(page, frame);
  const all = await page.evaluate(() => window.__messages.map((m) => m.data?.type));
  assert.equal(all.filter((t) => t === RESULTS).length, 0, 'no results message ever');
  assert.ok(all.every((t) => t === HEIGHT), `only height messages: ${[...new Set(all)]}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with data-send-results, results go to an allowed host only after consent: verdicts only, once', async () => {
  const { page, frame, j, problems, context } = await openHost(hostExamplePage(app.origin));
  await j.start();
  // With a national title, Laoshan's housing and the provincial card are likely.
  await j.answerAll(LAOSHAN_TALENT);
  await frame.locator('.review-page').waitFor();
  await j.seeResults();
  const send = frame.getByTestId('send-button');
  const consent = frame.getByTestId('send-consent');
  await send.waitFor();
  assert.equal(await consent.isChecked(), false, 'consent is not pre-ticked');
  assert.match(await frame.getByTestId('send-to').innerText(), new RegExp(host.origin.replace(/[.]/g, '\\.')), 'it says where the results go');
  assert.match(await frame.getByTestId('send-amounts-note').innerText(), /金额可能透露您的回答/, 'and that amounts can reveal answers');
  await clickAfterMoving(send);
  await frameMessageBarrier(page, frame);
  assert.equal((await messages(page, RESULTS)).length, 0, 'nothing is sent before consent');
  assert.match(await frame.getByTestId('send-status').innerText(), /请先勾选同意/);
  await clickAfterMoving(frame.getByTestId('send-consent'), 'check');
  await frameMessageBarrier(page, frame);
  assert.equal((await messages(page, RESULTS)).length, 0, 'ticking the box alone sends nothing');
  await clickAfterMoving(send);
  await page.waitForFunction(() => window.__resultEvents.length > 0);
  // A second message sent in the wake of the click would arrive before a round trip through the frame.
  await frameMessageBarrier(page, frame);
  const sent = await messages(page, RESULTS);
  assert.equal(sent.length, 1, 'exactly one results message');
  const [m] = sent;
  assert.equal(m.fromApp, true);
  assert.equal(m.origin, app.origin);
  assert.deepEqual(Object.keys(m.data).sort(), ['date', 'pack', 'results', 'type']);
  assert.equal(m.data.results.length, policyCount(), 'one entry per policy');
  for (const r of m.data.results) {
    assert.deepEqual(Object.keys(r).sort(), ['id', 'max_amount', 'source_age', 'status'], `only id, status, amount and the source's age: ${JSON.stringify(r)}`);
    assert.ok(r.max_amount === null || typeof r.max_amount === 'number');
  }
  const statusOf = Object.fromEntries(m.data.results.map((r) => [r.id, r.status]));
  assert.deepEqual(statusOf, await j.results(), 'the verdicts shown, cards and one-line entries');
  // The status strings of catalogue revision 3.
  const STATUSES = ['eligible', 'meets_conditions', 'likely', 'undetermined', 'unclear', 'unlikely', 'ineligible', 'not_applicable', 'expired', 'not_yet_effective'];
  for (const r of m.data.results) assert.ok(STATUSES.includes(r.status), `a revision-3 status: ${JSON.stringify(r)}`);
  assert.equal(statusOf['ls-talent-housing'], 'likely', 'the title matches the article\'s example; the rest is our reading');
  assert.equal(statusOf['sd-huicai-card'], 'likely');
  assert.equal(statusOf['gx-assisted-service'], 'not_applicable', 'the Hi-tech Zone\'s window is not for Laoshan');
  assert.equal(statusOf['qd-silver-volunteer'], 'unlikely');
  assert.equal(statusOf['sn-high-level-talent-support'], 'not_applicable', 'a Shinan policy is not for Laoshan');
  assert.equal(m.data.results.find((r) => r.id === 'sn-high-level-talent-support').max_amount, null, 'no amount for a policy that is not for the applicant');
  const json = JSON.stringify(m.data);
  for (const fact of ['age', 'applicant', 'retired', 'district', 'city']) assert.ok(!json.includes(`"${fact}"`), `no answer key "${fact}"`);
  assert.ok(!/(?<![\d.])47(?![\d.])/.test(json), 'the typed age is not sent');
  // The example host page shows what it received.
  const received = page.getByTestId('host-received');
  await page.waitForFunction(() => document.getElementById('received').textContent.includes('results'));
  const shown = JSON.parse(await received.textContent());
  assert.deepEqual(shown, await page.evaluate(() => window.__resultEvents[0]));
  assert.equal(shown.results.length, policyCount());
  assert.equal(await page.evaluate(() => window.__resultEvents.length), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a host not on the deployment\'s list is told nothing, whatever the embed URL says', async () => {
  const listed = app.extra['/embed-hosts.txt'];
  app.extra['/embed-hosts.txt'] = { body: '# only another site\nhttps://www.example.gov.cn\n' };
  try {
    const { page, frame, j, context } = await openHost(hostExamplePage(app.origin));
    await j.runToResults(LAOSHAN_TALENT);
    await frame.getByTestId('send-not-allowed').waitFor();
    assert.equal(await frame.getByTestId('send-button').count(), 0, 'no button to press');
    await frameMessageBarrier(page, frame);
    assert.equal((await messages(page, RESULTS)).length, 0);
    await context.close();
  } finally {
    app.extra['/embed-hosts.txt'] = listed;
  }
});

test('consent cannot be clickjacked: an almost transparent frame over decoys delivers nothing', async () => {
  // The attack: a page frames the app at opacity 0.01 over its own buttons;
  // two ordinary clicks once ticked the box and pressed Send.
  const decoy = `<style>iframe.policy-explainer-frame { opacity: 0.01; }</style><p>Win a prize! Click the boxes below.</p>`;
  const csp = hostCsp(app.origin, third.origin).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  const { page, frame, j, context } = await openHost(hostPage(app.origin, { 'data-send-results': 'true', 'data-region': 'laoshan' }, { before: decoy }), { csp });
  await j.runToResults(LAOSHAN_TALENT);
  const send = frame.getByTestId('send-button');
  await send.waitFor();
  await clickAfterMoving(frame.getByTestId('send-consent'), 'check');
  await clickAfterMoving(send);
  await frameMessageBarrier(page, frame);
  assert.equal((await messages(page, RESULTS)).length, 0, 'nothing reaches the framing page');
  assert.match(await frame.getByTestId('send-status').innerText(), /没有发送/, 'the person is told it was not sent');
  // Seen plainly, the same press sends.
  await page.addStyleTag({ content: 'iframe.policy-explainer-frame { opacity: 1 !important; }' });
  await clickAfterMoving(send); // the observer reports visibility at most every 100 ms
  await page.waitForFunction(() => window.__resultEvents.length === 1);
  await context.close();
});

test('where the browser cannot tell whether the button is visible, the consent screen says so and a second, deliberate press is needed', async () => {
  // As in a browser without IntersectionObserver v2 (Firefox, Safari): the
  // frames of this page have no isVisible.
  const { page, frame, j, context } = await openHost(hostPage(app.origin, { 'data-send-results': 'true', 'data-region': 'laoshan' }), {
    initScript: () => { if (globalThis.IntersectionObserverEntry) delete IntersectionObserverEntry.prototype.isVisible; },
  });
  await j.runToResults(LAOSHAN_TALENT);
  await frame.getByTestId('send-cannot-tell').waitFor();
  assert.match(await frame.getByTestId('send-cannot-tell').innerText(), /无法确认此按钮是否被其他内容遮挡/);
  await clickAfterMoving(frame.getByTestId('send-consent'), 'check');
  await clickAfterMoving(frame.getByTestId('send-button'));
  await frameMessageBarrier(page, frame);
  assert.equal((await messages(page, RESULTS)).length, 0, 'the first press alone sends nothing');
  const confirm = frame.getByTestId('send-confirm');
  await confirm.waitFor();
  await confirm.click({ delay: 0 }).catch(() => {}); // at once: too soon to be a decision
  await frameMessageBarrier(page, frame);
  assert.equal((await messages(page, RESULTS)).length, 0, 'a confirmation right after the press does not count');
  await new Promise((resolve) => setTimeout(resolve, 1100)); // a moment later: a decision
  await confirm.click();
  await page.waitForFunction(() => window.__resultEvents.length === 1);
  await context.close();
});

// Pack bundles a host serves on the app's origin: compiled by `policy bundle`.
const BIN = 'application/octet-stream';

test('data-pack loads a bundle from `policy bundle` served on the app origin', async () => {
  app.extra['/packs/good.bin'] = { body: packBundle(), type: BIN };
  const { frame, j, problems, context } = await openHost(hostPage(app.origin, { 'data-pack': 'packs/good.bin' }), { ready: '#fatal:not([hidden]), [data-testid=start]' });
  assert.equal(await frame.locator('#fatal').isVisible(), false, `no error: ${await frame.locator('#fatal').innerText().catch(() => '')}`);
  await j.start();
  assert.equal(await j.currentFact(), 'applicant', 'the first question of the pack: who is asking');
  assert.ok(app.requests.some((r) => r.path === '/packs/good.bin'), 'the bundle was fetched');
  assert.deepEqual(problems, []);
  await context.close();
});

async function openPack(name, body, type = BIN) {
  if (body !== undefined) app.extra[`/packs/${name}`] = { body, type };
  const opened = await newPage(browser);
  await opened.page.goto(`${app.url}#pack=${encodeURIComponent(`packs/${name}`)}`);
  await opened.page.waitForFunction(() => !document.getElementById('fatal').hidden || document.querySelector('[data-testid=start]'));
  return opened;
}

/** Serves `policy generate 1000`'s pack, bundled, at packs/gen-1000.bin (once). */
function serveGeneratedPack() {
  if (app.extra['/packs/gen-1000.bin']) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-'));
  try {
    const policy = (...args) => execFileSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', ...args], { cwd: repoRoot, stdio: 'pipe' });
    policy('generate', '1000', '--out', path.join(dir, 'pack'));
    policy('bundle', '--pack', path.join(dir, 'pack'), '--out', path.join(dir, 'gen.bin'));
    app.extra['/packs/gen-1000.bin'] = { body: fs.readFileSync(path.join(dir, 'gen.bin')), type: BIN };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a generated pack of 1,000 policies loads with data-pack, decodes and asks its first question', async () => {
  serveGeneratedPack();
  const { page, context, problems } = await openPack('gen-1000.bin');
  assert.equal(await page.locator('#fatal').isVisible(), false, await page.locator('#fatal').innerText().catch(() => ''));
  const j = new Journey(page);
  await j.start();
  assert.ok(await j.currentFact(), 'a first question');
  const decode = await page.evaluate(() => performance.getEntriesByName('pe:decode')[0]?.duration);
  assert.ok(decode > 0, 'the page measured its decode');
  await page.locator('#q-choice-0').check();
  await page.getByTestId('continue').click();
  await page.waitForFunction(() => performance.getEntriesByName('pe:answer-to-update').length === 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on 1,000 policies a results group shows its first 10 cards and the rest one tap away, and each compared place lists at most 8', async () => {
  serveGeneratedPack();
  const { page, context, problems } = await openPack('gen-1000.bin');
  await page.getByTestId('start').click();
  // An enterprise in Qingdao, "I don't know" to the rest: hundreds undetermined.
  for (const choice of [1, 0]) {
    const fact = await page.locator('.question-page').getAttribute('data-fact');
    await page.locator(`label[for=q-choice-${choice}]`).click();
    await page.getByTestId('continue').click();
    await page.waitForFunction((f) => document.querySelector('.question-page')?.getAttribute('data-fact') !== f, fact);
  }
  while (await page.locator('.question-page').count()) {
    const fact = await page.locator('.question-page').getAttribute('data-fact');
    await page.getByTestId('dont-know').click();
    await page.waitForFunction((f) => document.querySelector('.question-page')?.getAttribute('data-fact') !== f, fact);
  }
  await page.getByTestId('see-results').click();
  const group = page.getByTestId('group-possible');
  const total = Number((await group.locator('h2').innerText()).match(/\((\d+)\)/)[1]);
  assert.ok(total > 10, `the generated pack leaves many undetermined: ${total}`);
  const more = group.getByTestId('more-cards');
  assert.equal(await more.getAttribute('open'), null, 'the rest start closed');
  assert.equal((await more.locator(':scope > summary').innerText()).trim(), `显示本组其余 ${total - 10} 项政策`);
  const visibleCards = () => group.locator('[data-testid=policy-card]').evaluateAll((cs) => cs.filter((c) => c.checkVisibility()).length);
  assert.equal(await visibleCards(), 10);
  await more.locator(':scope > summary').click();
  assert.equal(await visibleCards(), total, 'one tap shows every card of the group');
  // Printing shows them all too (every collapsed section opens before printing).
  await more.locator(':scope > summary').click();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await visibleCards(), total);

  await page.getByTestId('compare-places').locator('summary').click();
  const places = page.getByTestId('place');
  await places.first().waitFor();
  let counted = 0;
  for (const place of await places.all()) {
    const shown = await place.getByTestId('place-difference').count();
    assert.ok(shown <= 8, `at most 8 listed: ${shown}`);
    if (await place.getByTestId('place-more').count()) {
      assert.equal(shown, 8);
      assert.match(await place.getByTestId('place-more').innerText(), /^另有 \d+ 项政策的结果在这里也会不同。$/);
      counted++;
    }
  }
  assert.ok(counted > 0, 'some place differs in more than 8');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken pack is never compiled: `policy bundle` refuses it with each problem at file:line:col', () => {
  const files = packFiles();
  const f = 'rules/qd-silver-volunteer.toml';
  files[f] = files[f]
    .replace(`place = 'city == "qingdao"'`, `place = 'cty == "qingdao"'`)
    .replace(/^name = \{ zh = "([^"]*)", en = "[^"]*" \}$/m, 'name = { zh = "$1" }');
  const { bytes, errors } = compileBundle(files);
  assert.equal(bytes, null, 'no bundle is written');
  assert.equal(errors.length, 2, `both problems: ${errors}`);
  for (const line of errors) assert.match(line, /^rules\/qd-silver-volunteer\.toml:\d+:\d+: /);
  assert.ok(errors.some((l) => l.includes('unknown fact `cty` (did you mean `city`?)')), errors.join('\n'));
  assert.ok(errors.some((l) => l.includes('has no English translation')), errors.join('\n'));
});

test('a damaged, cut, foreign or missing bundle shows the error panel naming the problem, never a crash', async () => {
  const good = packBundle();
  const altered = Buffer.from(good);
  altered[Math.floor(altered.length / 2)] ^= 0x20;
  const otherVersion = Buffer.from(good);
  otherVersion.writeUInt16LE(otherVersion.readUInt16LE(4) + 1, 4);
  for (const [name, body, pattern] of [
    ['altered.bin', altered, /checksum does not match/],
    ['cut.bin', good.subarray(0, good.length - 500), /cut short/],
    ['version.bin', otherVersion, /format \d+, but this app reads format \d+/],
    ['old.json', JSON.stringify({ files: { 'pack.toml': 'id = "x"' } }), /not a compiled policy pack/],
    ['page.bin', '<!doctype html><title>Not found</title>', /not a compiled policy pack/],
    ['missing.bin', undefined, /404/],
  ]) {
    const { page, context, problems } = await openPack(name, body);
    const fatal = page.locator('#fatal');
    assert.ok(await fatal.isVisible(), `${name}: the error panel shows`);
    const text = await fatal.innerText();
    assert.match(text, pattern, `${name}: ${text}`);
    assert.ok(text.includes(`packs/${name}`), `${name}: the panel names the file`);
    assert.doesNotMatch(text, /unreachable|RuntimeError|panicked/i, `${name}: a message for people, not a crash`);
    assert.equal(await page.getByTestId('start').count(), 0);
    assert.deepEqual(problems.filter((p) => !p.includes('404')), [], `${name}: no page errors`);
    await context.close();
  }
});

test('served from a sub-path: the app, its assets, embed.js and a journey all work under /services/policy/', async () => {
  const sub = await startHost({ mount: '/services/policy/' });
  try {
    const direct = await newPage(browser);
    await direct.page.goto(sub.url);
    await direct.page.getByTestId('start').waitFor();
    const j = new Journey(direct.page);
    await j.runToResults({ city: C.city.zaozhuang });
    assert.equal(Object.keys(await j.results()).length, policyCount(), 'every policy, as a card or a not-for-you line');
    assert.equal((await j.results())['ls-talent-housing'], 'not_applicable', 'a Laoshan policy is not for Zaozhuang');
    const scope = await direct.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, sub.url, 'the service worker is scoped to the sub-path');
    assert.deepEqual(direct.problems, []);
    await direct.context.close();

    const { page, frame, j: fj, problems, context } = await openHost(hostPage(sub.origin, {}, { mount: '/services/policy/' }), { csp: hostCsp(sub.origin), appServer: sub });
    assert.ok(frame.url().startsWith(sub.url), `the frame opens ${frame.url()}`);
    await fj.runToResults({});
    assert.deepEqual(problems, []);
    assert.deepEqual(await violations(page), []);
    await context.close();

    const outside = sub.requests.filter((r) => !r.path.startsWith('/services/policy/'));
    assert.deepEqual(outside.map((r) => r.url), [], 'every request stays under the sub-path');
    for (const asset of ['index.html', 'boot.js', 'policy-explainer.js', 'policy-explainer_bg.wasm', 'app.css', 'embed.js']) {
      assert.ok(sub.requests.some((r) => r.path === `/services/policy/${asset === 'index.html' ? '' : asset}` || r.path === `/services/policy/${asset}`), `${asset} was requested under the sub-path`);
    }
  } finally {
    await sub.close();
  }
});
