// "What if I worked elsewhere" (比一比, issue 19): on the results page, the
// same answers with only the place changed, worked out in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, withApp as sharedWithApp, KioskJourney, runAxe, formatViolations } from './support.mjs';
import { C, laoshanOverseasTalent, qingdaoApprenticeEnterprise } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

function withApp(fn, options = {}) {
  return sharedWithApp(browser, options.url ?? server.url, fn, options);
}

const places = (page) => page.locator('[data-testid=place]').evaluateAll((ps) => ps.map((p) => ({
  place: p.dataset.place,
  name: p.querySelector('h3').innerText.trim(),
  differences: [...p.querySelectorAll('[data-testid=place-difference]')].map((d) => [d.dataset.policy, d.dataset.status]),
})));

test('a doctorate in Laoshan compares the other places on the same answers, in the page, without a request', async () => {
  await withApp(async ({ page, j, requests }) => {
    await j.runToResults(laoshanOverseasTalent);
    const compare = page.getByTestId('compare-places');
    assert.equal(await compare.getAttribute('open'), null, 'closed until asked');
    assert.equal(await page.locator('[data-testid=place]').count(), 0, 'worked out only when opened');
    const before = requests.length;
    // A section the person opened stays open when the comparison opens.
    const other = page.locator('#app details:not([data-testid=compare-places])').first();
    await other.locator('summary').click();
    assert.equal(await other.getAttribute('open'), '');
    await compare.locator('summary').click();
    await page.locator('[data-testid=place]').first().waitFor();
    assert.equal(requests.length, before, 'no request');
    assert.equal(await other.getAttribute('open'), '', 'the section opened before is still open');
    const found = await places(page);
    const keys = found.map((p) => p.place);
    assert.ok(!keys.includes('qingdao/laoshan'), 'not her own place');
    for (const k of ['qingdao/shinan', 'qingdao/gaoxin', 'zaozhuang', 'shandong_other']) assert.ok(keys.includes(k), `${k} in ${keys}`);
    assert.ok(!keys.includes('other'), 'never a place no policy of the pack reaches');
    // What is Laoshan's is not hers in Shinan; Shinan's own support appears.
    const shinan = found.find((p) => p.place === 'qingdao/shinan');
    assert.equal(shinan.name, '青岛市市南区');
    assert.ok(shinan.differences.some(([id, status]) => id.startsWith('ls-') && status === 'not_applicable'), JSON.stringify(shinan));
    assert.ok(shinan.differences.some(([id]) => id.startsWith('sn-')), JSON.stringify(shinan));
    assert.match(await compare.innerText(), /其他条件也可能因地而异/);
    // Focus stays on the control that opened it.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-summary');
  });
});

test('an unknown answer stays unknown elsewhere: the place offers the question, and answering it comes back to the comparison', async () => {
  await withApp(async ({ page, j }) => {
    await j.runToResults({ ...laoshanOverseasTalent, age: null });
    await page.getByTestId('compare-places').locator('summary').click();
    const zaozhuang = page.locator('[data-testid=place][data-place=zaozhuang]');
    await zaozhuang.waitFor();
    const statuses = await zaozhuang.locator('[data-testid=place-difference]').evaluateAll((ds) => ds.map((d) => d.dataset.status));
    assert.ok(statuses.length > 0);
    // A place whose policies need a question this journey never asked
    // offers it; answering comes back to the comparison, still open.
    const offers = page.getByTestId('place-questions');
    assert.ok(await offers.count() > 0, 'some place offers its own questions');
    await offers.first().click();
    await page.locator('.question-page').waitFor();
    await j.answer(null);
    while (await j.currentFact()) await j.answer(null);
    await page.locator('.results-page').waitFor();
    assert.equal(await page.getByTestId('compare-places').getAttribute('open'), '', 'the comparison is open again');
    // No place gets a verdict a missing answer would need.
    const all = await places(page);
    assert.ok(all.length >= 5);
  });
});

test('an enterprise sees what another city would change, in English too, at 320 px with axe 0', async () => {
  for (const lang of ['zh', 'en']) {
    await withApp(async ({ page, j }) => {
      if (lang === 'en') await page.getByTestId('lang-switch').click();
      await j.runToResults(qingdaoApprenticeEnterprise);
      await page.getByTestId('compare-places').locator('summary').click();
      const zaozhuang = page.locator('[data-testid=place][data-place=zaozhuang]');
      await zaozhuang.waitFor();
      const diff = zaozhuang.locator('[data-testid=place-difference][data-policy=qd-apprenticeship-subsidy]');
      assert.equal(await diff.getAttribute('data-status'), 'not_applicable', 'Qingdao\'s subsidy is not Zaozhuang\'s');
      if (lang === 'en') assert.match(await zaozhuang.locator('h3').innerText(), /^Zaozhuang$/);
      assert.equal(formatViolations(await runAxe(page)), '');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 320, `no sideways scrolling: ${scroll}`);
    }, { viewport: { width: 320, height: 740 } });
  }
});

test('a kiosk offers the comparison too, and a wipe closes it for the next person', async () => {
  await withApp(async ({ page }) => {
    const j = new KioskJourney(page);
    await j.runToResults(qingdaoApprenticeEnterprise);
    await page.getByTestId('compare-places').locator('summary').click();
    await page.locator('[data-testid=place]').first().waitFor();
    await page.getByTestId('end-session').click();
    await page.getByTestId('clear-now').click();
    await j.runToResults({ applicant: C.applicant.individual, city: C.city.zaozhuang });
    assert.equal(await page.getByTestId('compare-places').getAttribute('open'), null);
  }, { url: server.url + '#kiosk=1', viewport: { width: 1080, height: 1920 } });
});
