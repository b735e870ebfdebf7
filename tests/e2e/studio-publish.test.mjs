// The pack studio's whole round, as issue 10 puts it: a policy officer lowers
// the apprenticeship subsidy's 500-hour threshold to 400, sees which test
// cases fail and whose results change (the report of `policy diff`), fixes
// the tests, previews the questionnaire with the citizen app itself,
// publishes a new version as a zip and a bundle, and a host page loads the
// bundle into the app with data-pack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, startHost, launchBrowser, withApp, newPage, hostPage, hostCsp, runAxe, formatViolations, repoRoot, Journey } from './support.mjs';
import { qingdaoApprenticeEnterprise } from './scenarios.mjs';

const RULE = 'rules/qd-apprenticeship-subsidy.toml';
const CASES = 'tests/apprenticeship.toml';
/** The patch release after the pack's own version (policies/pack.toml), which the studio offers. */
const NEXT = (() => {
  const [major, minor, patch] = /^version\s*=\s*"(\d+)\.(\d+)\.(\d+)"/m.exec(fs.readFileSync(path.join(repoRoot, 'policies/pack.toml'), 'utf8')).slice(1).map(Number);
  return `${major}.${minor}.${patch + 1}`;
})();
const POLICY = 'qd-apprenticeship-subsidy';
// 450 class hours a year: short of 500, enough for 400.
const HOURS_450 = { ...qingdaoApprenticeEnterprise, apprentice_hours_per_year: '450' };

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const policy = (...args) => spawnSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'studio-round-'));

/** The preview's iframe, once the app in it shows `selector`. */
async function previewFrame(page, selector) {
  const frame = await (await page.getByTestId('preview-frame').elementHandle()).contentFrame();
  await frame.locator(selector).waitFor();
  return frame;
}

/** In `frame` (the app on this policy's page): its check, answered from HOURS_450, and the verdict. */
async function checkPolicy(frame) {
  const j = new Journey(frame);
  if (await frame.getByTestId('check-policy').count()) {
    await frame.getByTestId('check-policy').click();
    for (let i = 0; i < 20 && await j.currentFact(); i++) {
      const fact = await j.currentFact();
      await j.answer(fact in HOURS_450 ? HOURS_450[fact] : null);
    }
  }
  const card = frame.locator(`[data-testid=policy-card][data-policy="${POLICY}"]`);
  await card.waitFor();
  return card.getAttribute('data-status');
}

test('an officer lowers a threshold, sees tests fail and results change, fixes the tests, previews, publishes, and the app loads the bundle', async () => {
  const url = new URL('studio.html', server.url).href;
  const dir = tmp();
  try {
    await withApp(browser, url, async ({ page }) => {
      const editor = page.locator('#editor');
      const file = (p) => page.locator(`button.file[data-path="${p}"]`);

      // The preview, before any change: the citizen app with the pack as
      // opened. 450 hours is short of 500.
      await file(RULE).click();
      await page.getByTestId('preview-toggle').click();
      await page.getByTestId('preview-policy').click();
      let frame = await previewFrame(page, `[data-testid=policy-sheet][data-policy="${POLICY}"]`);
      assert.match(await frame.locator('.policy-sheet').innerText(), /不少于500课时/);
      assert.equal(await checkPolicy(frame), 'ineligible', '450 hours: not eligible under the 500-hour rule');

      // Lower the threshold (the condition and its wording).
      const original = await editor.inputValue();
      const lowered = original.replace("apprentice_hours_per_year >= 500'", "apprentice_hours_per_year >= 400'")
        .replace('每年培训不少于500课时', '每年培训不少于400课时').replace('At least 500 class hours', 'At least 400 class hours');
      assert.notEqual(lowered, original);
      await editor.fill(lowered);
      await page.locator('[data-testid=check-status][data-state=ok]').waitFor();

      // The preview starts again with the edited pack, on the same answers.
      frame = await previewFrame(page, `[data-testid=policy-sheet][data-policy="${POLICY}"]`);
      await frame.getByText('每年培训不少于400课时').first().waitFor();
      assert.equal(await checkPolicy(frame), 'eligible', '450 hours: eligible under the 400-hour rule');
      // In English too.
      await page.getByLabel('English').check();
      frame = await previewFrame(page, `[data-testid=policy-sheet][data-policy="${POLICY}"]`);
      assert.equal(await frame.locator('html').getAttribute('lang'), 'en');
      await frame.getByText('At least 400 class hours of training a year').first().waitFor();

      // The tests: the two 499-hour cases now fail.
      await page.getByTestId('run-tests').click();
      await page.locator('[data-testid=test-status][data-state=failed]').waitFor();
      const failures = page.locator('[data-testid=test-failure]');
      assert.equal(await failures.count(), 2);
      assert.match(await failures.nth(0).innerText(), /499 hours is one hour short[\s\S]*expected ineligible, got eligible/);
      assert.match(await failures.nth(1).innerText(), /499 hours and not on the list[\s\S]*expected 2 failed criteria, got 1/);

      // Whose results change: the studio's report is `policy diff`'s, line for line.
      await page.getByTestId('compare').click();
      const report = await page.locator('[data-testid=diff-report] li').allInnerTexts();
      assert.ok(report.includes(`changed: ${POLICY}`), report.join('\n'));
      assert.ok(report.some((l) => l.startsWith('    + ') && l.includes('400')), 'the criterion after');
      const differs = report.find((l) => l.startsWith(`${POLICY}: `));
      assert.match(differs ?? '', /^qd-apprenticeship-subsidy: \d+ answer (set gives|sets give) a different verdict/);
      const edited = path.join(dir, 'edited');
      fs.cpSync(path.join(repoRoot, 'policies'), edited, { recursive: true });
      fs.writeFileSync(path.join(edited, RULE), lowered);
      const cli = policy('diff', path.join(repoRoot, 'policies'), edited);
      assert.equal(cli.status, 1, 'policy diff exits 1: verdicts differ');
      const cliLines = cli.stdout.split('\n').slice(1).filter((l) => l.trim() !== '');
      assert.deepEqual(report.map((l) => l.trimEnd()), cliLines, 'the same report as policy diff');

      // Fix the tests: the boundary moves to 399 hours.
      await file(CASES).click();
      const cases = await editor.inputValue();
      const fixed = cases.replaceAll('499 hours', '399 hours').replace(/apprentice_hours_per_year = 499\b/g, 'apprentice_hours_per_year = 399')
        .replace('name = "500 hours is enough (不少于500课时)"', 'name = "400 hours is enough (不少于400课时)"');
      await editor.fill(fixed.replace(/(name = "400 hours is enough[^\n]*\n[^\n]*\n[^\n]*)apprentice_hours_per_year = 500,/, '$1apprentice_hours_per_year = 400,'));
      await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
      await page.getByTestId('run-tests').click();
      await page.locator('[data-testid=test-status][data-state=passed]').waitFor();

      // Preview with a test case's answers: the results for that applicant.
      await page.getByTestId('preview-start').click();
      for (const [name, status] of [['399 hours is one hour short', 'ineligible'], ['400 hours is enough (不少于400课时)', 'eligible']]) {
        await page.getByLabel("With a test case's answers").or(page.getByLabel('用测试用例的答案')).selectOption({ label: name });
        frame = await previewFrame(page, '.results-page');
        assert.equal(await new Journey(frame).entry(POLICY).getAttribute('data-status'), status, `${name}: ${status}`);
      }

      // Publish: a new version, confirmed, written into pack.toml.
      assert.match(await page.getByTestId('same-release').innerText(), /版本号/, 'the page asks for a new version');
      await page.getByTestId('release').click();
      const version = page.getByLabel('新版本号');
      assert.equal(await version.inputValue(), NEXT, 'the next version is offered');
      assert.match(await page.getByLabel('规则截至（日期）').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(await version.evaluate((el) => el === document.activeElement), true, 'the form takes focus');
      const axe = await runAxe(page);
      assert.equal(axe.length, 0, formatViolations(axe));
      await page.getByLabel('规则截至（日期）').fill('2026-12-01');
      await page.getByTestId('release-confirm').click();
      await page.getByTestId('release-now').filter({ hasText: `版本 ${NEXT}，规则截至 2026-12-01` }).waitFor();
      assert.equal(await page.getByTestId('same-release').innerText(), '');
      await file('pack.toml').click();
      assert.ok(await editor.inputValue().then((t) => t.includes(`\nversion = "${NEXT}"\n`)), `version = "${NEXT}" written into pack.toml`);
      assert.match(await editor.inputValue(), /^rules_as_of = 2026-12-01$/m);
      assert.match(await editor.inputValue(), /^# Policy staff: bump/m, 'comments are kept');

      // Download the files and the bundle.
      const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
      assert.equal(zipDownload.suggestedFilename(), `shandong-talent-seed-${NEXT}.zip`);
      const zipPath = path.join(dir, 'pack.zip');
      await zipDownload.saveAs(zipPath);
      const [binDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-bundle').click()]);
      assert.equal(binDownload.suggestedFilename(), `shandong-talent-seed-${NEXT}.bin`);
      const binPath = path.join(dir, 'pack.bin');
      await binDownload.saveAs(binPath);
      await page.getByTestId('publish-status').filter({ hasText: `shandong-talent-seed-${NEXT}.bin` }).waitFor();
    }, { ready: '[data-testid=check-status][data-state=ok]' });

    // The zip is the pack's folder: it checks and its tests pass with the command.
    const unzipped = path.join(dir, 'unzipped');
    const unzip = spawnSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', path.join(dir, 'pack.zip'), unzipped], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, unzip.stderr);
    const folder = path.join(unzipped, `shandong-talent-seed-${NEXT}`);
    assert.match(fs.readFileSync(path.join(folder, RULE), 'utf8'), /apprentice_hours_per_year >= 400/);
    const checked = policy('test', '--pack', folder);
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    // The bundle is what `policy diff` reads too.
    const diffed = policy('diff', path.join(repoRoot, 'policies'), path.join(dir, 'pack.bin'));
    assert.equal(diffed.status, 1);
    assert.match(diffed.stdout, /changed: qd-apprenticeship-subsidy/);

    // A host page embeds the app with data-pack naming the published bundle
    // (served on the app's origin): the new rules and their date.
    server.extra['/packs/edited.bin'] = { body: fs.readFileSync(path.join(dir, 'pack.bin')), type: 'application/octet-stream' };
    const host = await startHost({ root: null });
    try {
      host.extra['/host.html'] = { body: hostPage(server.origin, { 'data-pack': 'packs/edited.bin', 'data-policy': POLICY }), csp: hostCsp(server.origin) };
      const { page, context, problems } = await newPage(browser);
      try {
        await page.goto(`${host.origin}/host.html`);
        const iframe = page.locator('iframe.policy-explainer-frame');
        await iframe.waitFor({ state: 'attached' });
        const frame = await (await iframe.elementHandle()).contentFrame();
        await frame.locator(`[data-testid=policy-sheet][data-policy="${POLICY}"]`).waitFor();
        assert.equal(await checkPolicy(frame), 'eligible', '450 hours: eligible in the app with the published bundle');
        assert.match(await frame.locator('body').innerText(), /2026-12-01/, 'the rules-as-of date of the new version');
        assert.ok(server.requests.some((r) => r.path === '/packs/edited.bin'), 'the bundle was fetched');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    } finally {
      await host.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
