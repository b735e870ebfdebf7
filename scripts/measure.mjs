// `make size`: the release build against the budgets in README.md, measured
// inside the page (marks the app sets on its performance timeline) rather
// than around it, so the browser harness's own start-up is not counted.
//   - first load: the files and their precompressed .gz and .br sizes;
//   - navigation start -> first question painted (`pe:first-question`), with
//     the cache disabled, locally and with 4x CPU throttling;
//   - decoding the embedded pack (`pe:decode`);
//   - an answer -> the next page painted (`pe:answer-to-update`);
//   - in the policy library, a search keystroke -> the list painted
//     (`pe:search-to-update`) and a policy opened -> its page painted
//     (`pe:open-policy-to-update`);
//   - on the results, "compare places" opened -> the comparison painted
//     (`pe:places-open`);
//   - the same for a generated pack of 1,000 policies loaded with `data-pack`.
// Medians of RUNS runs (default 7). A measurement, not a test: it prints
// numbers and exits 1 only when a budget is broken.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { firstLoad, sizes, budgetKb, kb, distDir, repoRoot, AFTER_FIRST_QUESTION, studioLoad, studioBudgetKb } from './first-load.mjs';
import { startServer, launchBrowser } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 7);
const BUDGETS = { firstQuestion: 200, firstQuestionThrottled: 800, decode: 5, answer: 16, decode1000Throttled: 60 };

// ---------------------------------------------------------------- sizes
const load = firstLoad();
for (const r of load.rows) console.log(`${r.file.padEnd(28)} ${kb(r.raw).padStart(8)} KB raw ${kb(r.gz).padStart(7)} KB gz ${kb(r.br).padStart(7)} KB br`);
console.log(`${'first load'.padEnd(28)} ${''.padStart(15)} ${kb(load.gz).padStart(7)} KB gz ${kb(load.br).padStart(7)} KB br (budget ${budgetKb()} KB gz)`);
for (const f of AFTER_FIRST_QUESTION) {
  const s = sizes(f);
  console.log(`${`after the first question: ${f}`.padEnd(44)} ${kb(s.gz).padStart(7)} KB gz ${kb(s.br).padStart(7)} KB br`);
}

const studio = studioLoad();
for (const r of studio.rows) console.log(`${r.file.padEnd(28)} ${kb(r.raw).padStart(8)} KB raw ${kb(r.gz).padStart(7)} KB gz ${kb(r.br).padStart(7)} KB br`);
console.log(`${'pack studio (its own bundle)'.padEnd(28)} ${''.padStart(15)} ${kb(studio.gz).padStart(7)} KB gz ${kb(studio.br).padStart(7)} KB br (budget ${studioBudgetKb()} KB gz)`);

// ---------------------------------------------------------------- a 1,000-policy bundle beside the app
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-measure-'));
fs.cpSync(distDir, site, { recursive: true });
const generated = path.join(site, 'gen-pack');
const policy = (...args) => execFileSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
policy('generate', '1000', '--out', generated);
policy('bundle', '--pack', generated, '--out', path.join(site, 'gen-1000.bin'));
console.log(`generated bundle of 1,000 policies: ${kb(fs.statSync(path.join(site, 'gen-1000.bin')).size)} KB`);

const server = await startServer({ root: site });
const browser = await launchBrowser();
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Waits for a performance entry named `name` (the `n`th) and returns it. */
async function entry(page, name, n = 1) {
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name).length >= n, [name, n]);
  return page.evaluate(([name, n]) => {
    const e = performance.getEntriesByName(name)[n - 1];
    return { startTime: e.startTime, duration: e.duration };
  }, [name, n]);
}

/**
 * One cold load straight to a question: a first visit answers the first question (so
 * the tab remembers where it was), then a reload with the cache disabled and
 * the CPU throttled `throttle` times opens on the next question, with no
 * click in between. Returns the in-page times in ms.
 */
async function coldLoad(throttle, fragment = '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + fragment);
  await page.getByTestId('start').click();
  // The first question (who is asking, in the default pack), answered.
  const first = await page.locator('.question-page').getAttribute('data-fact');
  await page.locator('label[for=q-choice-0]').click();
  await page.getByTestId('continue').click();
  await page.waitForFunction((f) => document.querySelector('.question-page')?.getAttribute('data-fact') !== f, first);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.reload();
  const painted = await entry(page, 'pe:first-question');
  const decode = await entry(page, 'pe:decode');
  // An answer to the next page painted.
  await page.locator('label[for=q-choice-0]').click();
  await page.getByTestId('continue').click();
  const answer = await entry(page, 'pe:answer-to-update');
  await context.close();
  return { first: painted.startTime, decode: decode.duration, answer: answer.duration };
}

/**
 * The library, loaded with `fragment`: a search keystroke to the new list
 * painted (`pe:search-to-update`), and a policy opened from the list to its
 * page painted (`pe:open-policy-to-update`).
 */
async function library(throttle, fragment, term) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(server.url + '#policies' + fragment.replace(/^#/, '&'));
  await page.getByTestId('library-search').waitFor();
  // A word most policies contain: the most still listed, the most work per keystroke.
  await page.getByTestId('library-search').pressSequentially(term);
  const search = await entry(page, 'pe:search-to-update');
  await page.locator('[data-testid=library-results] a[data-policy]').first().click();
  const open = await entry(page, 'pe:open-policy-to-update');
  await context.close();
  return { search: search.duration, open: open.duration };
}

/**
 * "Compare places" on the results page (`pe:places-open`): from its summary
 * pressed to the comparison painted, after an enterprise in Qingdao has
 * answered the opening and "I don't know" to the rest.
 */
async function comparePlaces(throttle, fragment) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + fragment);
  await page.getByTestId('start').click();
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
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.getByTestId('compare-places').locator('summary').click();
  const opened = await entry(page, 'pe:places-open');
  await context.close();
  return opened.duration;
}

async function compareSeries(throttle, fragment) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await comparePlaces(throttle, fragment));
  return median(runs);
}

async function librarySeries(throttle, fragment, term) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await library(throttle, fragment, term));
  return { search: median(runs.map((r) => r.search)), open: median(runs.map((r) => r.open)) };
}

async function series(throttle, fragment) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(throttle, fragment));
  return { first: median(runs.map((r) => r.first)), decode: median(runs.map((r) => r.decode)), answer: median(runs.map((r) => r.answer)) };
}

const local = await series(1, '');
const throttled = await series(4, '');
const big = await series(1, '#pack=gen-1000.bin');
const bigThrottled = await series(4, '#pack=gen-1000.bin');
const lib = await librarySeries(1, '', '人');
const libThrottled = await librarySeries(4, '', '人');
// Every generated policy is named "生成的政策 N".
const bigLib = await librarySeries(1, '#pack=gen-1000.bin', '政');
const places = await compareSeries(1, '');
const bigPlaces = await compareSeries(1, '#pack=gen-1000.bin');
const bigPlacesThrottled = await compareSeries(4, '#pack=gen-1000.bin');
await browser.close();
await server.close();
fs.rmSync(site, { recursive: true, force: true });

const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;
const rows = [
  ['first question painted', local.first, BUDGETS.firstQuestion],
  ['first question painted, 4x CPU throttling', throttled.first, BUDGETS.firstQuestionThrottled],
  ['pack decode', local.decode, BUDGETS.decode],
  ['pack decode, 4x', throttled.decode, null],
  ['answer to the next page painted', local.answer, BUDGETS.answer],
  ['answer to the next page painted, 4x', throttled.answer, null],
  ['1,000 policies: first question painted', big.first, null],
  ['1,000 policies: pack decode', big.decode, null],
  ['1,000 policies: pack decode, 4x', bigThrottled.decode, BUDGETS.decode1000Throttled],
  ['1,000 policies: answer to the next page painted', big.answer, BUDGETS.answer],
  ['1,000 policies: answer to the next page painted, 4x', bigThrottled.answer, null],
  ['library: a search keystroke to the list painted', lib.search, BUDGETS.answer],
  ['library: a search keystroke, 4x', libThrottled.search, null],
  // No budget, as README's table says: the page takes more than one frame
  // (most of it the list of links leaving the page).
  ['library: a policy opened to its page painted', lib.open, null],
  ['library: a policy opened, 4x', libThrottled.open, null],
  ['1,000 policies: a library search keystroke', bigLib.search, null],
  ['1,000 policies: a policy opened from the library', bigLib.open, null],
  ['compare places opened to the comparison painted', places, BUDGETS.answer],
  ['1,000 policies: compare places opened', bigPlaces, BUDGETS.answer],
  ['1,000 policies: compare places opened, 4x', bigPlacesThrottled, null],
];
let ok = load.gz / 1024 <= budgetKb() && studio.gz / 1024 <= studioBudgetKb();
for (const [name, value, budget] of rows) {
  console.log(`${name.padEnd(52)} ${ms(value)} median of ${RUNS}${budget === null ? '' : ` (budget ${budget} ms)`}`);
  if (budget !== null) ok &&= value <= budget;
}
process.exit(ok ? 0 : 1);
