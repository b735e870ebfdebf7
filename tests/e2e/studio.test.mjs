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

/** Runs `policy ARGS --pack DIR` on a copy of the default pack with `file` replaced by `text`, and returns what `read` makes of the result and DIR. */
function onEditedCopy(file, text, args, read) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-pack-'));
  try {
    fs.cpSync(path.join(repoRoot, 'policies'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    const r = spawnSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', ...args, '--pack', dir], { cwd: repoRoot, encoding: 'utf8' });
    return read(r, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What `policy check` prints for the default pack with `file` replaced by `text`, paths inside the pack. */
function commandCheck(file, text) {
  return onEditedCopy(file, text, ['check'], (r, dir) => {
    assert.equal(r.status, 1, `policy check fails on the broken pack:\n${r.stdout}${r.stderr}`);
    return r.stderr.split('\n').filter((l) => l.startsWith(dir + path.sep)).map((l) => l.slice(dir.length + 1));
  });
}

/** What `policy test` reports for the default pack with `file` replaced by `text`: the summary and each failure. */
function commandTest(file, text) {
  return onEditedCopy(file, text, ['test'], (r, dir) => {
    const failures = [];
    for (const line of r.stderr.split('\n')) {
      const m = line.match(/^FAIL (.*):(\d+): (.*)$/);
      if (m) failures.push({ file: path.relative(dir, m[1]), line: Number(m[2]), name: m[3], differences: [] });
      else if (line.startsWith('     ') && failures.length) failures.at(-1).differences.push(line.trim());
    }
    return { summary: r.stdout.trim().split('\n').at(-1), failures };
  });
}

const status = (page) => page.locator('[data-testid=check-status]');
const draftKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

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

    // Each problem is a button that puts the cursor where it points, in its
    // file (here after choosing another file first).
    await page.locator('button.file[data-path="pack.toml"]').click();
    await page.locator('[data-testid=diagnostic]').first().click();
    assert.equal(await page.locator(`button.file[data-path="${RULE}"]`).getAttribute('aria-current'), 'true', 'its file is open again');
    const col = Number(new RegExp(`:${line}:(\\d+): `).exec(shown[0])[1]);
    const expected = broken.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + [...broken.split('\n')[line - 1]].slice(0, col - 1).join('').length;
    await page.waitForFunction(() => document.activeElement?.id === 'editor');
    assert.deepEqual(await editor.evaluate((e) => [e.selectionStart, e.selectionEnd]), [expected, expected], `the cursor is at ${line}:${col}`);

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

    // Back to the built-in text, nothing is stored: drafts are kept only for
    // edited files (see the drafts test below).
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
    assert.equal(await page.locator('[data-testid=drafts]').count(), 0, 'no drafts notice without drafts');
  }, { ready: '[data-testid=check-status][data-state=ok]' });
});

test('run the pack\'s tests on an edit, keep it as a draft over a reload, then discard it', async () => {
  const url = new URL('studio.html', server.url).href;
  const LOWER = 'apprentice_hours_per_year >= 400';
  await withApp(browser, url, async ({ page }) => {
    assert.deepEqual(await draftKeys(page), []);
    const run = page.getByRole('button', { name: '运行测试' });
    const testStatus = page.locator('[data-testid=test-status]');
    assert.equal(await testStatus.evaluate((el) => el.closest('[role=status]') !== null), true, 'the test summary is announced');

    // The built-in pack: every case passes.
    await run.click();
    await page.locator('[data-testid=test-status][data-state=passed]').waitFor();
    const passedAll = (await testStatus.textContent()).match(/^(\d+) 个通过，0 个失败$/);
    assert.ok(passedAll, await testStatus.textContent());
    const total = Number(passedAll[1]);
    assert.ok(total > 0, 'the built-in pack\'s cases are there');

    // Lower the hours threshold: the 499-hours boundary cases now come out differently.
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    const editor = page.locator('#editor');
    const original = await editor.inputValue();
    const lowered = original.replace(GOOD, LOWER);
    assert.notEqual(lowered, original);
    await editor.fill(lowered);
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.locator('[data-testid=drafts]').waitFor();
    assert.match(await page.locator('[data-testid=drafts]').textContent(), /有未发布的草稿/);
    assert.equal(await page.locator(`button.file[data-path="${RULE}"]`).getAttribute('data-edited'), 'true', 'the edited file is marked');
    assert.match(await page.locator(`button.file[data-path="${RULE}"]`).textContent(), /已修改/);
    assert.equal(await page.locator('button.file[data-edited]').count(), 1, 'only the edited file is marked');
    assert.match(await page.locator('[data-testid=test-status] + p').textContent(), /重新运行/, 'the last run is marked out of date');

    await run.click();
    await page.locator('[data-testid=test-status][data-state=failed]').waitFor();
    const expected = commandTest(RULE, lowered);
    assert.ok(expected.failures.length >= 1, 'policy test fails on the lowered threshold');
    assert.equal(await testStatus.textContent(), `${total - expected.failures.length} 个通过，${expected.failures.length} 个失败`);
    assert.equal(expected.summary, `${total - expected.failures.length} passed, ${expected.failures.length} failed`, 'the same count as `policy test`');
    const shown = page.locator('[data-testid=test-failure]');
    assert.equal(await shown.count(), expected.failures.length);
    for (let i = 0; i < expected.failures.length; i++) {
      const want = expected.failures[i];
      const item = shown.nth(i);
      assert.match(await item.locator('code').textContent(), new RegExp(`^${want.file.replace(/[.]/g, '\\.')}:${want.line}:\\d+$`));
      assert.equal(await item.locator('.case-name').textContent(), want.name);
      assert.deepEqual(await item.locator('li').allTextContents(), want.differences);
    }
    const boundary = shown.filter({ hasText: '499 hours is one hour short' });
    assert.equal(await boundary.count(), 1, 'the 499-hours case fails');
    assert.match(await boundary.textContent(), /qd-apprenticeship-subsidy: expected ineligible, got eligible/);
    assert.match(await boundary.locator('code').textContent(), /^tests\/apprenticeship\.toml:\d+:\d+$/);
    assert.equal(await page.locator('[data-testid=test-status] + p').textContent(), '', 'the run is up to date');
    const axe = await runAxe(page);
    assert.equal(axe.length, 0, formatViolations(axe));

    // English.
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await testStatus.textContent(), `${total - expected.failures.length} passed, ${expected.failures.length} failed`);
    assert.match(await page.locator('[data-testid=drafts]').textContent(), /You have unpublished drafts/);
    await page.getByRole('button', { name: '中文' }).click();

    // Stored in this browser only, under the pack id and the path.
    assert.deepEqual(await draftKeys(page), [`policy-studio-draft:shandong-talent-seed:${RULE}`]);

    // A reload keeps the draft, and says so.
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.locator('[data-testid=drafts]').waitFor();
    assert.match(await page.locator('[data-testid=drafts]').textContent(), /有未发布的草稿/);
    await page.locator(`button.file[data-path="${RULE}"][data-edited]`).click();
    assert.equal(await editor.inputValue(), lowered, 'the draft is restored over the built-in file');

    // A broken pack: tests cannot run until it checks.
    await editor.fill(lowered.replace(LOWER, BROKEN));
    await page.locator('[data-testid=check-status][data-state=problems]').waitFor();
    await run.click();
    await page.locator('[data-testid=test-status][data-state=cannot-run]').waitFor();
    assert.match(await testStatus.textContent(), /修正后才能运行测试/);
    await editor.fill(lowered);
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();

    // Discard, by keyboard, with a confirmation step; cancel first.
    await page.getByRole('button', { name: '放弃草稿' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: '是，放弃草稿' });
    await confirm.waitFor();
    assert.equal(await confirm.evaluate((el) => el === document.activeElement), true, 'the confirmation takes focus');
    assert.equal(await page.getByRole('group', { name: /放弃所有草稿/ }).count(), 1, 'the question names the group');
    const axeConfirm = await runAxe(page);
    assert.equal(axeConfirm.length, 0, formatViolations(axeConfirm));
    await page.getByRole('button', { name: '取消，保留草稿' }).click();
    assert.equal(await confirm.count(), 0);
    assert.equal(await draftKeys(page).then((k) => k.length), 1, 'cancel keeps the draft');

    await page.getByRole('button', { name: '放弃草稿' }).click();
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=drafts]').waitFor({ state: 'detached' });
    assert.equal(await editor.inputValue(), original, 'the built-in text is back');
    assert.deepEqual(await draftKeys(page), [], 'storage is empty');
    assert.equal(await page.locator('button.file[data-edited]').count(), 0);
    assert.match(await page.locator('[data-testid=drafts-status]').textContent(), /已放弃草稿/);
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    assert.equal(await page.locator('[data-testid=drafts]').count(), 0, 'no drafts after a reload');
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
