// The pack studio (studio.html): its own bundle, under the same strict CSP,
// checking the pack as you type with the same loader and the same messages
// as `policy check`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, launchBrowser, withApp, runAxe, formatViolations, tabTo, repoRoot, policyCount, serviceWorkerSettled } from './support.mjs';

const RULE = 'rules/qd-apprenticeship-subsidy.toml';
const GOOD = 'apprentice_hours_per_year >= 500';
const BROKEN = 'apprentice_hours_per_year >= ';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What `policy check` prints for the default pack with `file` replaced by `text`, paths inside the pack. */
function commandCheck(file, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-pack-'));
  try {
    fs.cpSync(path.join(repoRoot, 'policies'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    const r = spawnSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', 'check', '--pack', dir], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 1, `policy check fails on the broken pack:\n${r.stdout}${r.stderr}`);
    return r.stderr.split('\n').filter((l) => l.startsWith(dir + path.sep)).map((l) => l.slice(dir.length + 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const status = (page) => page.locator('[data-testid=check-status]');

test('the studio checks the pack as you type, with the messages of policy check', async () => {
  const url = new URL('studio.html', server.url).href;
  await withApp(browser, url, async ({ page, requests }) => {
    assert.equal(await status(page).getAttribute('data-state'), 'ok');
    assert.equal(await status(page).textContent(), `没有问题：${policyCount()} 条政策`);
    // Its own bundle: never the citizen app's.
    assert.ok(requests.some((r) => r.endsWith('/studio_bg.wasm')), 'the studio loads its own wasm');
    assert.ok(!requests.some((r) => /policy-explainer/.test(r)), 'the studio does not load the citizen bundle');

    // Keyboard: Tab to the rule's file and open it with Enter.
    await tabTo(page, `button.file[data-path="${RULE}"]`);
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`button.file[data-path="${RULE}"]`).getAttribute('aria-current'), 'true');
    const editor = page.getByLabel(`编辑 ${RULE}`);
    const original = await editor.inputValue();
    assert.equal(original, fs.readFileSync(path.join(repoRoot, 'policies', RULE), 'utf8'), 'the editor shows the file as staff wrote it, comments and all');
    assert.ok(original.includes(GOOD));

    // Break it: after a pause in typing, the located message appears.
    const broken = original.replace(GOOD, BROKEN);
    await editor.fill(broken);
    await page.locator('[data-testid=check-status][data-state=problems]').waitFor();
    const shown = await page.locator('[data-testid=diagnostics] li').allTextContents();
    const line = broken.slice(0, broken.indexOf(BROKEN)).split('\n').length;
    assert.ok(shown.length >= 1);
    assert.match(shown[0], new RegExp(`^${RULE.replace(/[.]/g, '\\.')}:${line}:\\d+: `), `located in the file, on line ${line}: ${shown[0]}`);
    assert.deepEqual(shown, commandCheck(RULE, broken), 'the same lines as `policy check`');
    assert.equal(await status(page).textContent(), `发现 ${shown.length} 个问题`);

    const axe = await runAxe(page);
    assert.equal(axe.length, 0, formatViolations(axe));

    // Fix it: no problems again.
    await editor.fill(original);
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    assert.equal(await page.locator('[data-testid=diagnostics] li').count(), 0);

    // English, and back.
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await status(page).textContent(), `No problems: ${policyCount()} policies`);
    assert.equal(await page.getByLabel(`Editing ${RULE}`).inputValue(), original, 'the edit survives the language switch');
    const axeEn = await runAxe(page);
    assert.equal(axeEn.length, 0, formatViolations(axeEn));

    // Nothing stored outside the page.
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  }, { ready: '[data-testid=check-status][data-state=ok]' });
});

test('after one visit, the studio opens and checks offline, with its own worker', async () => {
  const url = new URL('studio.html', server.url).href;
  await withApp(browser, url, async ({ page, context }) => {
    assert.equal(await serviceWorkerSettled(page), 'ready');
    const script = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    assert.equal(script, new URL('studio-sw.js', server.url).href, 'the studio\'s own worker, not the citizen app\'s');
    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.locator('button.file').first().click();
    const editor = page.locator('#editor');
    await editor.fill((await editor.inputValue()) + '\n[[');
    await page.locator('[data-testid=check-status][data-state=problems]').waitFor();
    await context.setOffline(false);
  }, { ready: '[data-testid=check-status][data-state=ok]' });
});

test('the release build ships the studio precompressed, outside the citizen app\'s offline assets', () => {
  const dist = path.join(repoRoot, 'dist');
  for (const f of ['studio.html', 'studio-boot.js', 'studio.js', 'studio_bg.wasm', 'studio.css', 'studio-sw.js']) {
    for (const ext of ['', '.gz', '.br']) assert.ok(fs.existsSync(path.join(dist, f + ext)), `dist/${f}${ext}`);
  }
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  assert.ok(!/studio/.test(sw), 'a citizen\'s service worker never downloads the studio');
});
