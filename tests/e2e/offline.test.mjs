// Offline support (public/sw.js): after one visit the app works with no
// network, and a new version waits until the kiosk is between two people.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Journey, startHost, newPage, distFile, choices, policyCount, packBundle } from './support.mjs';

const C = choices();
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * What the test's copy of the next build adds to its sw.js: it answers a ping
 * and says whether anyone asked it to take over (the app's 'skip-waiting').
 * A worker handles a client's messages in the order they were sent, so the
 * answer comes after any 'skip-waiting' the page sent before the ping.
 */
const PING_ANSWER = `
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.askedToSkipWaiting = true;
  if (event.data === 'pe-test:ping') event.source.postMessage({ type: 'pe-test:pong', askedToSkipWaiting: !!self.askedToSkipWaiting });
});
`;

/** Pings the waiting worker (see PING_ANSWER) and returns its answer, or null when no worker waits. */
async function pingWaiting(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg?.waiting) return null;
    const answer = new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('message', function on(e) {
        if (e.data?.type !== 'pe-test:pong') return;
        navigator.serviceWorker.removeEventListener('message', on);
        resolve(e.data);
      });
    });
    reg.waiting.postMessage('pe-test:ping');
    return answer;
  });
}

/**
 * Waits until a service worker is active and controls the page (it is
 * registered once the first question is painted, never before).
 */
async function controlled(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return { scope: reg.scope, script: navigator.serviceWorker.controller.scriptURL, caches: await caches.keys() };
  });
}

test('after one visit, the app loads and a whole journey works offline', async () => {
  const server = await startHost();
  try {
    const { page, context, problems, failed, requests } = await newPage(browser);
    await page.goto(server.url);
    // The worker is registered once the first question is on screen.
    await page.getByTestId('start').click();
    await page.locator('.question-page').waitFor();
    const sw = await controlled(page);
    assert.equal(sw.scope, server.url);
    assert.equal(sw.caches.filter((k) => k.startsWith('policy-explainer-') && k !== 'policy-explainer-runtime').length, 1, `one versioned cache: ${sw.caches}`);

    await context.setOffline(true);
    const served = server.requests.length;
    const seen = requests.length;
    await page.reload();
    await page.getByTestId('start').waitFor();
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'the browser is offline');
    const j = new Journey(page);
    await j.runToResults({ city: C.city.qingdao, district: C.district.laoshan, age: '45' });
    assert.equal(Object.keys(await j.results()).length, policyCount());
    await j.openAllDetails();
    // A reload mid-journey (session storage brings the answers back) also works offline.
    await page.reload();
    await page.locator('.results-page').waitFor();
    assert.deepEqual(failed, [], 'no request failed');
    assert.equal(server.requests.length, served, 'the server heard nothing while offline');
    assert.ok(requests.length > seen, 'the page did load its files (from the service worker)');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('a host\'s pack bundle (data-pack) works offline after one visit, not only after two', async () => {
  const server = await startHost();
  server.extra['/packs/host.bin'] = { body: packBundle(), type: 'application/octet-stream' };
  try {
    const { page, context, problems, failed } = await newPage(browser);
    await page.goto(`${server.url}#pack=packs/host.bin`);
    await page.getByTestId('start').click();
    await page.locator('.question-page').waitFor();
    await controlled(page);
    // The bundle was fetched before the worker took the page over; it is kept all the same.
    await page.waitForFunction(async () => {
      const kept = await caches.open('policy-explainer-runtime').then((c) => c.keys());
      return kept.some((r) => new URL(r.url).pathname === '/packs/host.bin');
    });
    await context.setOffline(true);
    const served = server.requests.length;
    await page.reload();
    await page.locator('.question-page, [data-testid=start]').first().waitFor();
    assert.equal(await page.locator('#fatal').isVisible(), false, await page.locator('#fatal').innerText().catch(() => ''));
    const j = new Journey(page);
    if (await page.getByTestId('start').count()) await j.start();
    await j.answer(0);
    assert.ok(await page.locator('.question-page, .review-page').count(), 'the journey goes on offline');
    assert.equal(server.requests.length, served, 'the server heard nothing while offline');
    assert.deepEqual(failed, [], 'no request failed');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('a new version waits while someone is answering, and is taken after "end and clear"', async () => {
  const server = await startHost();
  try {
    const { page, context, problems } = await newPage(browser);
    await page.goto(server.url + '#kiosk=1');
    await page.getByTestId('start').click();
    await page.locator('.question-page').waitFor();
    const first = await controlled(page);
    const [oldCache] = first.caches.filter((k) => k !== 'policy-explainer-runtime');

    // A new build: sw.js changes (a new version string, so a new cache). This
    // copy also answers the test's ping (see PING_ANSWER).
    server.extra['/sw.js'] = { body: distFile('sw.js').replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'") + '\n// the next build\n' + PING_ANSWER };
    assert.ok(server.extra['/sw.js'].body.includes("-next'"), 'sw.js has a VERSION to change');

    // Already on the first question (the worker is registered only then).
    const j = new Journey(page);
    await j.answer(C.city.qingdao);
    await page.evaluate(() => { window.__sameDocument = true; });
    const waiting = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update();
      const w = reg.installing || reg.waiting;
      if (w && w.state !== 'installed') {
        await new Promise((resolve) => w.addEventListener('statechange', () => { if (w.state !== 'installing') resolve(); }));
      }
      return { waiting: reg.waiting?.state ?? null, active: reg.active?.state ?? null };
    });
    assert.deepEqual(waiting, { waiting: 'installed', active: 'activated' }, 'the new version is installed and waiting');
    // Still mid-questionnaire, on the same page, with the old version in
    // control: another answer, painted (pe:answer-to-update; or the page
    // reloaded, which the checks below catch), and then a round trip through
    // the waiting worker, which has by then seen any request to take over
    // that the page sent.
    const painted = await page.evaluate(() => performance.getEntriesByName('pe:answer-to-update').length);
    await j.answer(null);
    await page.waitForFunction((n) => !window.__sameDocument || performance.getEntriesByName('pe:answer-to-update').length > n, painted);
    assert.deepEqual(await pingWaiting(page), { type: 'pe-test:pong', askedToSkipWaiting: false }, 'the new version waits, and nobody asked it to take over');
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page has not reloaded');
    assert.notEqual(await j.currentFact(), null, 'still answering');
    assert.ok((await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting)), 'the update is still waiting');
    assert.ok((await page.evaluate(() => caches.keys())).includes(oldCache), 'the old version is still in use');

    // Between two people: end and clear takes the update.
    await page.getByTestId('end-session').click();
    await Promise.all([page.waitForEvent('load', { timeout: 10_000 }), page.getByTestId('clear-now').click()]);
    await page.getByTestId('start').waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined, 'the page reloaded');
    const after = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: !!reg.waiting, caches: await caches.keys(), hash: location.hash };
    });
    assert.equal(after.waiting, false, 'nothing waits any more');
    assert.deepEqual(after.caches.filter((k) => k !== 'policy-explainer-runtime'), [`${oldCache}-next`], 'the new version is in use, the old one removed');
    assert.equal(after.hash, '#kiosk=1', 'still a kiosk, with no answers');
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
    await new Journey(page).start();
    assert.equal(await page.locator('.question-page input:checked').count(), 0, 'a fresh start');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});
