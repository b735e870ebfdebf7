// The policy library (issue 9), end to end in headless Chromium under the
// strict CSP: browsing and searching every policy, a deep link straight to one
// policy, an unknown id, checking one policy in a few questions, printing a
// policy page, the same library embedded and in a kiosk, and the static pages
// that `policy docs` writes into dist/policies/, read with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, withApp as sharedWithApp, runAxe, formatViolations, policyCount, saveScreenshot, artefactsDir, distDir, fragmentParams, newPage, hostPage, hostCsp, startHost } from './support.mjs';
import { qingdaoApprenticeEnterprise, PERSONAL_FACTS } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

function withApp(fn, options = {}) {
  return sharedWithApp(browser, options.url ?? server.url, fn, options);
}

const listed = (page) => page.locator('[data-testid=library-results] a[data-policy]').evaluateAll((as) => as.map((a) => a.getAttribute('data-policy')));
const headings = (page) => page.locator('main h1, main h2, main h3').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));

/** Heading levels never skip one on the way down. */
function assertHeadingsInOrder(levels, where) {
  assert.equal(levels[0], 1, `${where}: starts with h1`);
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `${where}: h${levels[i - 1]} then h${levels[i]}`);
}

test('from the start page, the library lists every policy by issuer; the search matches Chinese substrings and announces the count; the filter keeps one kind of applicant', async () => {
  await withApp(async ({ page }) => {
    await page.getByTestId('open-library').click();
    await page.locator('.library-page').waitFor();
    assert.equal(await page.locator('#page-heading').innerText(), '全部政策');
    assert.ok('policies' in fragmentParams(page.url()), 'the address is a link to the library');
    const all = await listed(page);
    assert.equal(all.length, policyCount());
    assert.deepEqual(await page.locator('.library-group').evaluateAll((g) => g.map((s) => s.dataset.level)), ['province', 'city', 'district']);
    assert.equal(await page.getByTestId('library-count').getAttribute('role'), 'status', 'the count is announced');
    assert.equal(await page.getByTestId('library-count').innerText(), `共 ${policyCount()} 项政策`);

    // The search box has a visible label.
    assert.equal(await page.getByLabel('搜索政策').count(), 1);
    await page.getByTestId('library-search').fill('惠才卡');
    await page.waitForFunction(() => document.querySelector('[data-testid=library-count]').textContent === '共 2 项政策');
    assert.deepEqual(await listed(page), ['sd-huicai-card', 'zz-huicai-card']);
    await page.getByTestId('library-search').fill('没有这种政策');
    await page.waitForFunction(() => document.querySelector('[data-testid=library-count]').textContent.startsWith('没有找到符合的政策'));
    assert.deepEqual(await listed(page), []);
    assert.match(await page.getByTestId('library-count').innerText(), /可以换个词试试/, 'zero results say what to try');
    // The words people use, found through the policies' keywords.
    for (const [word, expected] of [['人才卡', 'sd-huicai-card'], ['退休', 'qd-silver-lecturer'], ['养老', 'qd-silver-volunteer']]) {
      await page.getByTestId('library-search').fill(word);
      await page.waitForFunction(() => /^共 \d+ 项政策$/.test(document.querySelector('[data-testid=library-count]').textContent));
      assert.ok((await listed(page)).includes(expected), `"${word}" finds ${expected}: ${await listed(page)}`);
    }

    await page.getByTestId('library-search').fill('');
    await page.getByLabel('企业', { exact: true }).check();
    await page.waitForFunction((n) => document.querySelector('[data-testid=library-count]').textContent !== `共 ${n} 项政策`, policyCount());
    const firms = await listed(page);
    assert.ok(firms.includes('qd-apprenticeship-subsidy') && firms.includes('sn-talent-team-support'), `enterprise policies: ${firms}`);
    assert.ok(!firms.includes('sd-huicai-card') && !firms.includes('qd-silver-volunteer'), `no personal card: ${firms}`);
    assertHeadingsInOrder(await headings(page), 'library');

    // A policy opens in the page (no reload), and the address links to it.
    await page.locator('a[data-policy="qd-apprenticeship-subsidy"]').click();
    await page.getByTestId('policy-sheet').waitFor();
    assert.equal(fragmentParams(page.url()).policy, 'qd-apprenticeship-subsidy');
    await page.waitForFunction(() => document.activeElement?.id === 'page-heading');
    await page.getByTestId('to-library').click();
    await page.locator('.library-page').waitFor();
  });
});

test('a deep link opens one policy: who it is for, every condition with its basis and quoted source (Traditional quotes marked zh-Hant), who decides, and the rules date', async () => {
  await withApp(async ({ page }) => {
    const sheet = page.getByTestId('policy-sheet');
    assert.equal(await sheet.getAttribute('data-policy'), 'zz-huicai-card');
    assert.equal(await page.locator('#page-heading').innerText(), '枣庄惠才卡');
    const text = await sheet.innerText();
    for (const s of ['适用对象', '个人 · 枣庄市', '如何决定', '由枣庄市审核决定', '有效期', '如何申请', '政策整理截至']) assert.ok(text.includes(s), `missing ${s}`);
    const conditions = sheet.locator('.criterion');
    assert.ok(await conditions.count() >= 1);
    for (const c of await conditions.all()) {
      assert.equal(await c.locator('.source q').count(), 1, 'each condition quotes its source');
      if (await c.getAttribute('data-basis') === 'inferred') assert.equal(await c.locator('.basis-tag').innerText(), '我们的理解');
    }
    // Zaozhuang's article is in Traditional characters.
    assert.deepEqual([...new Set(await sheet.locator('.source q').evaluateAll((qs) => qs.map((q) => q.lang)))], ['zh-Hant']);
    assert.equal(await page.title(), '枣庄惠才卡 - 人才政策查询');
    assertHeadingsInOrder(await headings(page), 'policy page');
  }, { url: server.url + '#policy=zz-huicai-card', ready: '[data-testid=policy-sheet]' });
});

test('an expired policy is marked in the list and at the top of its page; a corrupted Traditional quote shows without its pinyin glosses, and in English with our translation', async () => {
  await withApp(async ({ page }) => {
    await page.getByTestId('open-library').click();
    await page.locator('.library-page').waitFor();
    const entry = page.locator('li', { has: page.locator('a[data-policy="zz-new-business-training"]') });
    assert.match(await entry.getByTestId('not-in-force').innerText(), /已过期/, 'marked in the list');
    await page.locator('a[data-policy="zz-new-business-training"]').click();
    const sheet = page.getByTestId('policy-sheet');
    await sheet.waitFor();
    const note = sheet.getByTestId('sheet-validity-note');
    const [noteTop, firstCondition] = await Promise.all([note.evaluate((n) => n.getBoundingClientRect().top), sheet.locator('.criterion').first().evaluate((n) => n.getBoundingClientRect().top)]);
    assert.ok(noteTop < firstCondition, 'said at the top, before the conditions');
    const quotes = (await sheet.locator('.source q').allInnerTexts()).join(' ');
    assert.doesNotMatch(quotes, /\([a-zü]+[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-z]*\)/, `no pinyin glosses: ${quotes}`);
    assert.ok(await sheet.locator('.gloss-note').count() > 0, 'with a note that they were left out');
    assert.equal(await sheet.locator('.translation').count(), 0, 'no translation on Chinese pages');
  }, { url: server.url });
  await withApp(async ({ page }) => {
    const sheet = page.getByTestId('policy-sheet');
    const translations = await sheet.locator('.source .translation').allInnerTexts();
    assert.ok(translations.length > 0 && translations.every((t) => t.startsWith('Our translation: ')), `each quote has our translation: ${translations}`);
    assert.equal(await sheet.locator('.source q[lang^="zh"]').count(), translations.length, 'beside the original');
  }, { url: server.url + '#policy=zz-huicai-card&lang=en', ready: '[data-testid=policy-sheet]' });
});

test('an unknown policy id says so above the whole library, never a blank page', async () => {
  await withApp(async ({ page }) => {
    const notice = await page.getByTestId('notice').innerText();
    assert.ok(notice.includes('“no-such-policy<b>”'), notice);
    assert.equal((await listed(page)).length, policyCount());
    assert.equal(await page.locator('b').count(), 0, 'the id is shown as text, never markup');
  }, { url: server.url + '#policy=no-such-policy%3Cb%3E', ready: '.library-page' });
});

test('checking one policy asks only what that policy reads, then shows its verdict on its page and offers the full check', async () => {
  await withApp(async ({ page, j }) => {
    await page.getByTestId('check-policy').click();
    const asked = [];
    for (let i = 0; i < 20 && await j.currentFact(); i++) {
      const fact = await j.currentFact();
      asked.push(fact);
      await j.answer(fact in qingdaoApprenticeEnterprise ? qingdaoApprenticeEnterprise[fact] : null);
    }
    const reads = ['applicant', 'city', 'apprentice_occupation_class', 'apprentice_level', 'apprentice_hours_per_year', 'apprentice_years', 'apprentice_count', 'apprentice_dual_system'];
    for (const f of asked) assert.ok(reads.includes(f), `asked ${f}, which the apprenticeship subsidy does not read (asked: ${asked})`);
    for (const f of PERSONAL_FACTS) assert.ok(!asked.includes(f));
    assert.ok(asked.length <= reads.length, `a few questions, not the whole questionnaire: ${asked}`);

    // Back on the policy's page, with its verdict.
    await page.getByTestId('policy-sheet').waitFor();
    const card = page.locator('[data-testid=policy-card][data-policy="qd-apprenticeship-subsidy"]');
    assert.equal(await card.getAttribute('data-status'), 'eligible');
    assert.ok((await card.getByTestId('amount').innerText()).includes('元'));
    assert.equal(await page.getByTestId('check-policy').count(), 0, 'nothing left to ask for this policy');
    // The full check carries on from these answers: no question asked twice.
    await page.getByTestId('full-check').click();
    const next = await j.currentFact();
    assert.ok(next && !asked.includes(next), `the full check goes on with a new question (${next})`);
  }, { url: server.url + '#policy=qd-apprenticeship-subsidy', ready: '[data-testid=check-policy]' });
});

test('the library, a policy page and their English versions pass axe at 320 and 1280 px', async () => {
  for (const width of [320, 1280]) {
    for (const [fragment, ready] of [['#policies', '.library-page'], ['#policy=sd-huicai-card', '[data-testid=policy-sheet]'], ['#policies&lang=en', '.library-page'], ['#policy=sn-talent-team-support&lang=en', '[data-testid=policy-sheet]']]) {
      await withApp(async ({ page }) => {
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], `${fragment} at ${width}px:\n${formatViolations(violations)}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${fragment} at ${width}px scrolls sideways by ${overflow}px`);
      }, { url: server.url + fragment, ready, viewport: { width, height: 800 } });
    }
  }
});

test('a policy page prints on A4 with its conditions and sources, without the buttons', async () => {
  await withApp(async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('check-policy').isVisible(), false, 'buttons are not printed');
    assert.ok(await page.locator('.source q').first().isVisible(), 'sources are printed');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.mkdirSync(artefactsDir, { recursive: true });
    fs.writeFileSync(path.join(artefactsDir, 'policy-page-a4.pdf'), pdf);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    const mm = (pt) => Math.round(pt / 72 * 25.4);
    assert.deepEqual([mm(box[1]), mm(box[2])], [210, 297], 'A4');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g).length;
    // Revision 3 and issue 17 added the card's local services and the
    // quotes' sources; still a short printout.
    assert.ok(pages <= 2, `at most two sheets: ${pages}`);
  }, { url: server.url + '#policy=sd-huicai-card', ready: '[data-testid=policy-sheet]' });
});

test('embedded with data-policy, the iframe opens that policy and grows to its height', async () => {
  const host = await startHost({ root: null });
  try {
    host.extra['/host.html'] = { body: hostPage(server.origin, { 'data-policy': 'ls-talent-housing' }), csp: hostCsp(server.origin) };
    const { context, page, problems } = await newPage(browser);
    await page.goto(host.origin + '/host.html');
    const iframe = page.locator('iframe.policy-explainer-frame');
    const frame = await (await iframe.elementHandle()).contentFrame();
    await frame.locator('[data-testid=policy-sheet][data-policy="ls-talent-housing"]').waitFor();
    const content = await frame.evaluate(() => document.documentElement.scrollHeight);
    await page.waitForFunction((h) => Math.abs(parseFloat(document.querySelector('iframe.policy-explainer-frame').style.height) - h) <= 2, content);
    assert.ok(content > 640, `the page is taller than the initial 640px (${content})`);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await host.close();
  }
});

test('in a kiosk, a policy link opens its page with large targets, and ending the session returns to the start page', async () => {
  await withApp(async ({ page }) => {
    const box = await page.getByTestId('check-policy').boundingBox();
    assert.ok(box.height >= 57, `kiosk target height ${box.height}`);
    await page.getByTestId('check-policy').click();
    await page.locator('.question-page').waitFor();
    await page.getByTestId('end-session').click();
    await page.getByTestId('clear-now').click();
    await page.getByTestId('start').waitFor();
    assert.equal(await page.getByTestId('policy-sheet').count(), 0);
  }, { url: server.url + '#kiosk=1&policy=qd-silver-volunteer', ready: '[data-testid=policy-sheet]' });
});

test('static pages: every policy and the index, in both languages, readable with JavaScript off under the strict CSP, linking to the app', async () => {
  const root = path.join(distDir, 'policies');
  const ids = fs.readdirSync(path.join(distDir, '..', 'policies', 'rules')).map((f) => f.replace(/\.toml$/, ''));
  for (const id of ids) {
    assert.ok(fs.existsSync(path.join(root, `${id}.html`)) && fs.existsSync(path.join(root, 'en', `${id}.html`)), `${id}: both languages`);
  }
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server.url + 'policies/index.html');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
    assert.equal(await page.locator('main a[href$=".html"]').count(), ids.length);
    await page.locator('a[href="sd-huicai-card.html"]').click();
    await page.waitForURL(/sd-huicai-card\.html$/);
    assert.equal(await page.locator('h1').innerText(), '山东惠才卡');
    assert.ok(await page.locator('.criterion .source q[lang]').count() >= 1);
    assert.equal(await page.locator('script').count(), 0);
    const check = page.locator('a.button.primary');
    assert.equal(await check.getAttribute('href'), '../index.html#policy=sd-huicai-card&check=1');
    assert.deepEqual(errors, [], 'no CSP or other console errors');
    await saveScreenshot(page, 'static-policy-page-320');
    // The English page, and its link back.
    await page.goto(server.url + 'policies/en/sd-huicai-card.html');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('a.button.primary').getAttribute('href'), '../../index.html#policy=sd-huicai-card&check=1&lang=en');
  } finally {
    await context.close();
  }
  // axe with scripts on (it runs through the DevTools protocol, not the page's CSP).
  for (const width of [320, 1280]) {
    for (const file of ['policies/index.html', 'policies/zz-huicai-card.html', 'policies/en/index.html', 'policies/en/zz-huicai-card.html']) {
      const { context: c, page } = await newPage(browser, { viewport: { width, height: 800 } });
      await page.goto(server.url + file);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `${file} at ${width}px:\n${formatViolations(violations)}`);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], `${file}: no CSP violation`);
      assertHeadingsInOrder(await headings(page), file);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${file} at ${width}px scrolls sideways by ${overflow}px`);
      await c.close();
    }
  }
});

test('the static page\'s link starts that policy\'s questions in the app, and ends on its page with the verdict', async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await page.goto(server.url + 'policies/qd-silver-volunteer.html');
    await page.locator('a.button.primary').click();
    await page.locator('.question-page').waitFor();
    assert.equal(new URL(page.url()).pathname, '/index.html');
    // "I don't know" to everything: the policy's page comes back, still open.
    for (let i = 0; i < 20 && await page.locator('.question-page').count(); i++) {
      const before = await page.locator('.question-page').getAttribute('data-fact');
      await page.getByTestId('dont-know').click();
      await page.waitForFunction((b) => document.querySelector('.question-page')?.getAttribute('data-fact') !== b, before);
    }
    await page.locator('[data-testid=policy-sheet][data-policy="qd-silver-volunteer"]').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
