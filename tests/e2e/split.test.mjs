// A pack split by region (issue 21): `policy generate 400 --regions 4`, split
// with `policy bundle --split-by city`, served on the app's origin and named
// by its index. The page opens the index alone, fetches exactly the shard of
// the city the visitor answers (every request is checked), starts again on
// it with the answers kept, and shows the results of that city and the
// province only; another city's answer swaps the shard; a missing or a
// foreign shard gets the error panel naming it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startHost, launchBrowser, openApp, Journey, repoRoot } from './support.mjs';

const BIN = 'application/octet-stream';
const FOLDER = '/packs/province/';
let app, browser, dir;
/** Each generated policy's city (`c01`…), or null for the province's own. */
const cityOf = {};
/** The split files, by name. */
const files = {};

before(async () => {
  app = await startHost();
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'province-'));
  const policy = (...args) => execFileSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', ...args], { cwd: repoRoot, stdio: 'pipe' });
  policy('generate', '400', '--regions', '4', '--out', path.join(dir, 'pack'));
  policy('bundle', '--pack', path.join(dir, 'pack'), '--split-by', 'city', '--out', path.join(dir, 'split'));
  for (const f of fs.readdirSync(path.join(dir, 'pack', 'rules'))) {
    const text = fs.readFileSync(path.join(dir, 'pack', 'rules', f), 'utf8');
    cityOf[f.replace(/\.toml$/, '')] = /city == "(c\d\d)"/.exec(text)?.[1] ?? null;
  }
  for (const f of fs.readdirSync(path.join(dir, 'split'))) files[f] = fs.readFileSync(path.join(dir, 'split', f));
});
after(async () => {
  await browser?.close();
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Serves the split pack, with `changes` ({ name: bytes | null }) applied. */
function serve(changes = {}) {
  for (const f of Object.keys(app.extra)) if (f.startsWith(FOLDER)) delete app.extra[f];
  for (const [f, body] of Object.entries({ ...files, ...changes })) if (body) app.extra[FOLDER + f] = { body, type: BIN };
}

const packRequests = () => app.requests.map((r) => r.path).filter((p) => p.startsWith(FOLDER));

/** Opens the app on the index; the start page, or the error panel if `ready` says so. */
async function open(ready = '[data-testid=start]') {
  app.requests.length = 0;
  return openApp(browser, `${app.url}#pack=${encodeURIComponent(`packs/province/index.bin`)}`, { ready });
}

/** Answers who is asking (a person) and the city `c` (its index among c01…c04). */
async function personIn(j, page, cityIndex) {
  await j.start();
  assert.equal(await j.currentFact(), 'applicant');
  await j.answer(0);
  assert.equal(await j.currentFact(), 'city');
  await j.answer(cityIndex);
}

test('a visitor in one city downloads the index and that city\'s shard only, keeps their answers, and gets the results of that city and the province', async () => {
  serve();
  const { page, context, problems } = await open();
  const j = new Journey(page);
  assert.deepEqual(packRequests(), [`${FOLDER}index.bin`], 'the index alone before any answer');
  await personIn(j, page, 1);
  await page.waitForFunction(() => document.querySelector('.question-page')?.getAttribute('data-fact') !== 'city');
  await page.waitForFunction((f) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(f)), 'city-c02.bin');
  // The app starts again on the larger pack: on a question, not at the start.
  await page.locator('.question-page').waitFor();
  const fact = await j.currentFact();
  assert.ok(fact && !['applicant', 'city'].includes(fact), `carries on after the city: ${fact}`);
  await j.answerAll({});
  await page.getByTestId('see-results').click();
  await page.locator('.results-page').waitFor();
  const shown = await page.locator('.results-page [data-policy]').evaluateAll((es) => [...new Set(es.map((e) => e.dataset.policy))]);
  assert.ok(shown.length > 0, 'some results');
  const elsewhere = shown.filter((id) => cityOf[id] && cityOf[id] !== 'c02');
  assert.deepEqual(elsewhere, [], 'no policy of another city');
  assert.ok(shown.some((id) => cityOf[id] === 'c02'), 'the city\'s own policies are there');
  assert.equal(await page.getByTestId('compare-places').count(), 0, 'no comparison with places whose policies are not loaded');
  assert.deepEqual(packRequests(), [`${FOLDER}index.bin`, `${FOLDER}city-c02.bin`], 'exactly the index and one shard, each once');
  // The answers went nowhere: no request names them.
  assert.ok(app.requests.every((r) => !/c02|individual/.test(r.path.replace('city-c02.bin', ''))), JSON.stringify(app.requests.map((r) => r.path)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a changed city swaps the shard: the results never show the city answered first', async () => {
  serve();
  const { page, context, problems } = await open();
  const j = new Journey(page);
  await personIn(j, page, 0);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('city-c01.bin')));
  await page.locator('.question-page').waitFor();
  // Back to the city, and another one.
  while ((await j.currentFact()) !== 'city') await page.getByTestId('back').click();
  await j.answer(2);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('city-c03.bin')));
  await page.locator('.question-page').waitFor();
  await j.answerAll({});
  await page.getByTestId('see-results').click();
  await page.locator('.results-page').waitFor();
  const shown = await page.locator('.results-page [data-policy]').evaluateAll((es) => [...new Set(es.map((e) => e.dataset.policy))]);
  assert.deepEqual(shown.filter((id) => cityOf[id] && cityOf[id] !== 'c03'), [], 'only c03 and the province');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [what, changes, says] of [
  ['a missing shard', { 'city-c03.bin': null }, /city-c03\.bin: the server answered 404/],
  ['another region\'s shard under this name', () => ({ 'city-c03.bin': files['city-c01.bin'] }), /city-c03\.bin: this shard holds another region's policies/],
  ['a damaged shard', () => ({ 'city-c03.bin': Buffer.concat([files['city-c03.bin'].subarray(0, 40), Buffer.alloc(40)]) }), /city-c03\.bin: /],
]) {
  test(`${what} gets the error panel naming it`, async () => {
    serve(typeof changes === 'function' ? changes() : changes);
    const { page, context } = await open();
    const j = new Journey(page);
    await j.start();
    await j.answer(0);
    await page.locator('#q-choice-2').check();
    await page.getByTestId('continue').click();
    await page.locator('#fatal:not([hidden])').waitFor();
    const text = await page.locator('#fatal').innerText();
    assert.match(text, says, text);
    await context.close();
  });
}

test('at a kiosk, the next person starts on the index alone: the previous person\'s city is not in their results', async () => {
  serve();
  app.requests.length = 0;
  const { page, context, problems } = await openApp(browser, `${app.url}#kiosk=1&pack=${encodeURIComponent('packs/province/index.bin')}`);
  const j = new Journey(page);
  await personIn(j, page, 1);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('city-c02.bin')));
  await page.locator('.question-page').waitFor();
  await page.getByTestId('end-session').click();
  await page.getByTestId('clear-now').click();
  await page.getByTestId('start').waitFor();
  // The next person: a person in c04, "I don't know" to the rest.
  await personIn(j, page, 3);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('city-c04.bin')));
  await page.locator('.question-page').waitFor();
  await j.answerAll({});
  await page.getByTestId('see-results').click();
  await page.locator('.results-page').waitFor();
  const shown = await page.locator('.results-page [data-policy]').evaluateAll((es) => [...new Set(es.map((e) => e.dataset.policy))]);
  assert.deepEqual(shown.filter((id) => cityOf[id] === 'c02'), [], 'nothing of the previous person\'s city');
  assert.ok(shown.some((id) => cityOf[id] === 'c04'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('after one visit, a split pack works offline: the app for split packs, the index and the city\'s shard are kept', async () => {
  serve();
  const { page, context, problems } = await open();
  const j = new Journey(page);
  await personIn(j, page, 1);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('city-c02.bin')));
  await page.locator('.question-page').waitFor();
  const kept = ['policy-explainer-split.js', 'policy-explainer-split_bg.wasm', 'index.bin', 'city-c02.bin'];
  await page.waitForFunction(async (kept) => {
    const cache = await caches.open('policy-explainer-runtime');
    const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
    return kept.every((f) => paths.some((p) => p.endsWith(`/${f}`)));
  }, kept);
  await context.setOffline(true);
  const served = app.requests.length;
  await page.reload();
  await page.locator('.question-page').waitFor();
  await j.answerAll({});
  await page.getByTestId('see-results').click();
  await page.locator('.results-page').waitFor();
  const shown = await page.locator('.results-page [data-policy]').evaluateAll((es) => [...new Set(es.map((e) => e.dataset.policy))]);
  assert.ok(shown.some((id) => cityOf[id] === 'c02'), 'the city\'s policies, offline');
  assert.equal(app.requests.length, served, 'the server heard nothing while offline');
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
  await context.close();
});
