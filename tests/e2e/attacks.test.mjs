// Issue 18's attack round, replayed as the attacker would: a crafted link
// that would hand the answers to another site, the answers left in the
// address bar's history after "clear my answers", a `pack=` that slips past a
// text check with a control character, and the error panel's wording.
// (Heights and clickjacked consent are in embed.test.mjs; the kiosk's crash
// loop in kiosk.test.mjs; the decoder and the command line in the Rust tests.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, launchBrowser, newPage, Journey, KioskJourney, withApp as sharedWithApp, fragmentParams, settled } from './support.mjs';
import { qingdaoApprenticeEnterprise } from './scenarios.mjs';

let server, other, browser;
before(async () => {
  [server, other, browser] = await Promise.all([startHost(), startHost({ root: null }), launchBrowser()]);
  other.extra['/p.bin'] = { body: 'not a pack', type: 'application/octet-stream' };
});
after(async () => { await browser?.close(); await Promise.all([server?.close(), other?.close()]); });

function withApp(fn, options = {}) {
  return sharedWithApp(browser, options.url ?? server.url, fn, options);
}

const answers = { ...qingdaoApprenticeEnterprise, apprentice_count: '4817' };

test('a link naming another site with share= never makes the share link (or the address) point there', async () => {
  for (const share of [`${other.origin}/collect.html`, 'https://collect.example/c.html']) {
    await withApp(async ({ page, j }) => {
      await j.runToResults(answers);
      const link = await page.getByTestId('share-link').inputValue();
      assert.ok(link.startsWith(server.url + '#'), `the share link is the app's own address: ${link}`);
      assert.doesNotMatch(link, /collect/);
      assert.doesNotMatch(page.url(), /share=|collect/, `the address bar drops it: ${page.url()}`);
    }, { url: `${server.url}#share=${encodeURIComponent(share)}` });
  }
});

test('a kiosk takes only an https: share address for its code, and shows it readably', async () => {
  const run = async (share) => {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}#kiosk=1&share=${encodeURIComponent(share)}`);
    const j = new KioskJourney(page);
    await page.getByTestId('start').waitFor();
    await j.runToResults(answers);
    const out = { code: await page.getByTestId('qr-code').getAttribute('data-text'), shown: (await page.getByTestId('qr-address').innerText()).trim() };
    await context.close();
    return out;
  };
  const http = await run(`${other.origin}/collect.html`);
  assert.ok(http.code.startsWith(server.url + '#a='), `an http: address is refused: ${http.code}`);
  const https = await run('https://zwfw.example.gov.cn/policy/');
  assert.ok(https.code.startsWith('https://zwfw.example.gov.cn/policy/#a='), https.code);
  assert.equal(https.shown, 'https://zwfw.example.gov.cn/policy/', 'beside the code, the address it opens');
});

test('answers never enter the address bar, so after "clear my answers" no address the tab showed holds one', async () => {
  await withApp(async ({ page, j }) => {
    const seen = [page.url()];
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) seen.push(f.url()); });
    // Every replaceState/pushState the page makes, with its URL.
    await page.evaluate(() => {
      window.__urls = [];
      for (const m of ['pushState', 'replaceState']) {
        const orig = History.prototype[m];
        History.prototype[m] = function (...args) { window.__urls.push(String(args[2] ?? '')); return orig.apply(this, args); };
      }
    });
    await j.start();
    for (let i = 0; i < 30; i++) {
      const fact = await j.currentFact();
      if (!fact) break;
      await j.answer(fact in answers ? answers[fact] : null);
      seen.push(page.url());
    }
    await j.seeResults();
    assert.match(await page.getByTestId('share-link').inputValue(), /apprentice_count:4817/, 'the answers are in the share link offered');
    await page.getByTestId('start-over').click();
    await page.locator('.start-page').waitFor();
    await settled(page);
    const written = await page.evaluate(() => window.__urls);
    const timeline = await page.evaluate(() => performance.getEntries().map((e) => e.name));
    for (const u of [...seen, ...written, ...timeline]) assert.doesNotMatch(u, /4817|apprentice_count/, `an answer in ${u}`);
    assert.ok(written.length > 0, 'the app did write its address (language, page), so the check is not vacuous');
  });
});

test('a share link opened once leaves the address bar as soon as the app has read it', async () => {
  await withApp(async ({ page }) => {
    await settled(page);
    assert.ok(!('a' in fragmentParams(page.url())), page.url());
    assert.equal(await page.locator('.results-page').count(), 1, 'and the results show');
  }, { url: `${server.url}#a=applicant:enterprise;city:qingdao;apprentice_count:4817`, ready: '.results-page' });
});

test('pack= with a control character before //host is refused by the URL parser\'s own reading, and the panel shows a message, not a stack', async () => {
  const tries = ['%01%2F%2F127.0.0.1%3A' + new URL(other.origin).port + '%2Fp.bin', '%2F%5C127.0.0.1%3A' + new URL(other.origin).port + '%2Fp.bin', '..%2F..%2F..%2Fetc%2Fp.bin'];
  for (const pack of tries) {
    const before = other.requests.length;
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}#pack=${pack}`);
    await page.locator('#fatal:not([hidden]), [data-testid=start]').first().waitFor();
    const text = await page.locator('#fatal').innerText().catch(() => '');
    assert.equal(other.requests.length, before, `no request to another origin for ${pack}`);
    assert.doesNotMatch(text, /\bat\s+\S+:\d+|Error\(|JsValue|TypeError/, `no stack in the panel: ${text}`);
    if (text) assert.match(text, /政策包/, `the panel says what is wrong: ${text}`);
    await context.close();
  }
});

test('a pack address on this origin that cannot be fetched says so plainly', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}#pack=packs%2Fmissing.bin`);
  await page.locator('#fatal:not([hidden])').waitFor();
  const text = await page.locator('#fatal').innerText();
  assert.match(text, /packs\/missing\.bin/, text);
  assert.doesNotMatch(text, /\bat\s+\S+:\d+|JsValue/, text);
  await context.close();
});
