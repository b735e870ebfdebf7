// Security: the strict CSP holds through a whole journey; pack text is shown
// as text, never markup; tampered share links never break the page; answers
// never leave the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Journey, startHost, newPage, violations, packFiles, compileBundle, choices, policyCount, CSP } from './support.mjs';

const C = choices();
let server, browser;
before(async () => { [server, browser] = await Promise.all([startHost(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.close(); });

test('every file is served with the strict CSP, and a whole journey causes no violation and no console error', async () => {
  const { page, problems, context } = await newPage(browser);
  const headers = [];
  page.on('response', (r) => headers.push([new URL(r.url()).pathname, r.headers()['content-security-policy']]));
  const response = await page.goto(server.url);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the page carries the strict CSP header');
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(CSP, /'unsafe-inline'|'unsafe-eval'|\*/);
  const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  assert.equal(meta, CSP, 'the page\'s own meta CSP is the same strict policy (for hosts that send none)');
  await page.getByTestId('start').waitFor();
  const j = new Journey(page);
  await j.runToResults({ city: C.city.qingdao, district: C.district.laoshan, age: '35', applicant: C.applicant.individual });
  await j.openAllDetails();
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('elder-toggle').click();
  await page.getByTestId('review').click();
  await page.getByTestId('change').first().click();
  await page.getByTestId('continue').click();
  await page.locator('.review-page').waitFor();
  await j.seeResults();
  await page.getByTestId('start-over').click();
  await page.getByTestId('start').waitFor();
  for (const [p, h] of headers.filter(([p]) => !p.endsWith('sw.js'))) assert.equal(h, CSP, `${p} has the CSP header`);
  assert.deepEqual(await violations(page), [], 'no securitypolicyviolation events');
  assert.deepEqual(problems, [], 'no console errors');
  await context.close();
});

/** The default pack with one policy's texts replaced by markup and script URLs, compiled. */
function hostileBundle() {
  const files = packFiles();
  const f = 'rules/qd-silver-volunteer.toml';
  const both = (s) => `{ zh = '${s}', en = '${s}' }`;
  const text = files[f]
    .replace(/^name = .*$/m, `name = ${both('<img src=x onerror="window.__pwned=1">')}`)
    .replace(/^benefit = .*$/m, `benefit = ${both('<script>window.__pwned=2</script>')}`)
    .replace(/^apply = .*$/m, `apply = ${both('javascript:window.__pwned=3 <a href="javascript:window.__pwned=4">x</a>')}`);
  assert.notEqual(text, files[f]);
  files[f] = text;
  const { bytes, errors } = compileBundle(files);
  assert.ok(bytes, `the hostile pack still checks: ${errors}`);
  return bytes;
}

test('pack text is shown as text, never as markup or links', async () => {
  server.extra['/packs/hostile.bin'] = { body: hostileBundle(), type: 'application/octet-stream' };
  const { page, problems, context } = await newPage(browser);
  await page.goto(`${server.url}#pack=packs/hostile.bin&a=${encodeURIComponent('city:qingdao;district:laoshan;age:66')}`);
  await page.waitForFunction(() => !document.getElementById('fatal').hidden || document.querySelector('.results-page'));
  assert.equal(await page.locator('#fatal').isVisible(), false, `the pack loads: ${await page.locator('#fatal').innerText().catch(() => '')}`);
  // Open every card's details as a person would, by clicking each summary.
  const summaries = page.locator('#app details > summary');
  for (let i = 0; i < await summaries.count(); i++) {
    const summary = summaries.nth(i);
    if (!(await summary.evaluate((s) => s.parentElement.open))) await summary.click();
  }
  assert.equal(await page.locator('#app details:not([open])').count(), 0);
  const card = page.locator('[data-testid=policy-card][data-policy="qd-silver-volunteer"]');
  assert.equal(await card.count(), 1);
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(text.includes('<img src=x onerror="window.__pwned=1">'), 'the name shows literally');
  assert.ok(text.includes('<script>window.__pwned=2</script>'), 'the benefit shows literally');
  assert.ok(text.includes('javascript:window.__pwned=3'), 'the apply text shows literally');
  assert.ok(text.includes('<a href="javascript:window.__pwned=4">x</a>'));
  for (const l of await page.locator('#app a').all()) await l.click({ timeout: 1000 }).catch(() => {});
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing ran');
  assert.deepEqual(await page.evaluate(() => ({
    img: document.querySelectorAll('#app img').length,
    script: document.querySelectorAll('#app script').length,
    js: document.querySelectorAll('#app a[href^="javascript:" i], #app [href*="javascript:" i], #app [src*="javascript:" i]').length,
    handlers: [...document.querySelectorAll('#app *')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
  })), { img: 0, script: 0, js: 0, handlers: 0 }, 'no element made from pack text');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

const HOSTILE_LINKS = [
  { name: '10,000 characters', fragment: `a=${'x'.repeat(10_000)}`, problems: ['xxxxxxxx'] },
  { name: '10,000 characters of valid entries', fragment: `a=${'age:61;'.repeat(1_430)}`, problems: ['age:61'] },
  { name: 'a truncated percent sequence', fragment: 'a=%E0%A4%A', problems: ['%E0%A4%A'] },
  { name: 'invalid UTF-8 inside a value', fragment: 'a=age:%E0%A4%A;city:qingdao', problems: ['age:%E0%A4%A'] },
  { name: 'a lone %', fragment: 'a=%', problems: ['%'] },
  { name: 'out-of-range, non-integer and markup values', fragment: `a=${encodeURIComponent('age:-1;age:1e9;city:<script>')}`, problems: ['age:-1', 'age:1e9', 'city:<script>'] },
  { name: 'raw markup', fragment: 'a=age:1;city:<img src=x onerror=window.__pwned=1>', problems: ['<img'] },
  { name: 'only separators', fragment: 'a=;;;:::' },
  { name: 'Chinese', fragment: `a=${encodeURIComponent('年龄:七十;城市:青岛')}`, problems: ['年龄'] },
  { name: 'emoji and control characters', fragment: `a=${encodeURIComponent('age:6\u{1F600};\u0000:\u202e;city:qingdao')}`, problems: ['age:6'] },
  { name: 'a NUL byte', fragment: 'a=age:61%00', problems: ['age:61'] },
  { name: 'every option at once', fragment: 'kiosk=0&embed=1&host=javascript:alert(1)&pack=//evil.example/p.json&theme=accent:red;x:url(x)&region=<b>&lang=xx&idle=-5&a=age:61' },
];

test('tampered share links never give a blank page; problems are listed in the notice', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  for (const link of HOSTILE_LINKS) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}#${link.fragment}`);
    await page.waitForFunction(() => !document.getElementById('fatal').hidden || document.querySelector('.start-page, .results-page'), null, { timeout: 5_000 })
      .catch(() => {});
    const state = await page.evaluate(() => ({
      fatal: !document.getElementById('fatal').hidden,
      page: document.querySelector('.start-page') ? 'start' : document.querySelector('.results-page') ? 'results' : document.querySelector('.question-page') ? 'question' : 'none',
      notice: document.querySelector('[data-testid=notice]')?.innerText ?? null,
      pwned: window.__pwned,
      markup: document.querySelectorAll('#app img, #app script').length,
    }));
    assert.equal(state.fatal, false, `${link.name}: the error panel stays hidden`);
    assert.ok(['start', 'results'].includes(state.page), `${link.name}: the start page or the results show (got ${state.page})`);
    for (const p of link.problems ?? []) {
      assert.ok(state.notice?.includes(p), `${link.name}: the notice lists "${p}": ${state.notice?.slice(0, 300)}`);
    }
    assert.equal(state.pwned, undefined);
    assert.equal(state.markup, 0, `${link.name}: no element made from the link`);
    assert.deepEqual(problems, [], `${link.name}: no errors`);
    // The page works: start (again) and a question shows.
    if (state.page === 'results') await page.getByTestId('start-over').click();
    await new Journey(page).start();
    await page.locator('.question-page').waitFor();
    await page.close();
  }
  await context.close();
});

test('a share link made before revision 2 still opens: an old city:other reads as outside Shandong, never a blank page', async () => {
  // Before revision 2, `other` meant "a city other than Qingdao or Zaozhuang";
  // now it means outside Shandong. The link's entries are all still valid.
  for (const code of ['city:other;applicant:individual', 'city:other']) {
    const { page, problems, context } = await newPage(browser);
    await page.goto(`${server.url}#a=${code}`);
    await page.waitForFunction(() => !document.getElementById('fatal').hidden || document.querySelector('.start-page, .question-page, .results-page'), null, { timeout: 5_000 });
    assert.equal(await page.locator('#fatal').isVisible(), false, `${code}: no error panel`);
    assert.equal(await page.locator('.results-page').count(), 1, `${code}: the results page renders`);
    assert.equal(await page.getByTestId('notice').count(), 0, `${code}: every entry is still understood, so no notice`);
    const note = page.getByTestId('coverage-note');
    assert.ok(await note.isVisible(), `${code}: the coverage note shows`);
    assert.match(await note.innerText(), /本工具只涵盖青岛市、枣庄市/);
    const j = new Journey(page);
    const results = await j.results();
    assert.equal(Object.keys(results).length, policyCount(), `${code}: every policy is shown, as a card or a not-for-you line`);
    for (const [id, status] of Object.entries(results)) {
      assert.ok(['not_applicable', 'expired', 'not_yet_effective'].includes(status), `${code}: ${id} is not for someone outside Shandong (${status})`);
    }
    assert.ok((await page.locator('#app').innerText()).length > 200, `${code}: the page is not blank`);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(problems, [], `${code}: no errors`);
    await context.close();
  }
});

test('a crafted link cannot flood the notice (a role=status region read out in full)', async () => {
  const { page, context } = await newPage(browser);
  for (const fragment of [`a=${'x;'.repeat(2_000)}`, `a=${'age:61;'.repeat(585)}`]) {
    await page.goto('about:blank');
    await page.goto(`${server.url}#${fragment}`);
    await page.locator('[data-testid=notice]').waitFor();
    const notice = await page.getByTestId('notice').innerText();
    assert.ok(notice.length < 2_000, `a notice of ${notice.length} characters for a ${fragment.length}-character link`);
  }
  await context.close();
});

/** Answers every question (unlisted: "I don't know"), checking the address at each step. */
async function answerChecking(j, answers, check) {
  for (let i = 0; i < 40; i++) {
    const fact = await j.currentFact();
    if (!fact) return;
    await check(fact);
    await j.answer(fact in answers ? answers[fact] : null);
  }
  throw new Error('too many questions');
}

test('privacy: typed answers never leave the browser and never enter a query string', async () => {
  const { page, problems, context } = await newPage(browser);
  await page.goto(`${server.url}#region=laoshan`);
  await page.getByTestId('start').waitFor();
  const after = [];
  page.on('request', (r) => after.push({ url: r.url(), body: r.postData() || '', headers: r.headers() }));
  const served = server.requests.length;
  const searches = [];
  const check = async (where) => searches.push([where, await page.evaluate(() => location.search)]);
  const j = new Journey(page);

  await j.start();
  await answerChecking(j, { applicant: C.applicant.individual, age: '73', retired: C.retired.yes }, check);
  await page.locator('.review-page').waitFor();
  await j.seeResults();
  await check('results (individual)');
  assert.doesNotMatch(decodeURIComponent(new URL(page.url()).hash), /age:73/, 'the answers stay out of the address bar');
  assert.match(await page.getByTestId('share-link').inputValue(), /age:73/, 'they are in the link offered, in its fragment (never sent)');
  await page.getByTestId('start-over').click();
  await j.start();
  await answerChecking(j, { applicant: C.applicant.enterprise, apprentice_count: '4321', apprentice_hours_per_year: '1200', apprentice_years: '2' }, check);
  await page.locator('.review-page').waitFor();
  await j.seeResults();
  await check('results (enterprise)');
  assert.doesNotMatch(decodeURIComponent(new URL(page.url()).hash), /apprentice_count:4321/);
  await page.reload();
  await page.locator('.results-page').waitFor();
  await check('after reload');

  assert.deepEqual(searches.filter(([, s]) => s !== ''), [], 'location.search stays empty');
  const planted = /(^|\D)(73|4321|1200)(\D|$)|age|apprentice/;
  const leaks = after.filter((r) => {
    const u = new URL(r.url);
    return planted.test(decodeURIComponent(u.pathname + u.search)) || planted.test(r.body)
      || Object.entries(r.headers).some(([k, v]) => k !== 'user-agent' && !k.startsWith('sec-ch-ua') && planted.test(v));
  });
  assert.deepEqual(leaks.map((r) => r.url), [], 'no request carries an answer');
  const heard = server.requests.slice(served);
  assert.deepEqual(heard.filter((r) => planted.test(decodeURIComponent(r.url)) || planted.test(r.body)).map((r) => r.url), [], 'the server heard no answer');
  assert.deepEqual(heard.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`), [], 'nothing was posted');
  assert.deepEqual(heard.filter((r) => r.url.includes('?')).map((r) => r.url), [], 'no query strings');
  assert.deepEqual(problems, []);
  await context.close();
});
