// The pack studio opens what policy staff have: a pack folder, a zip of one
// or a bundle, chosen or dropped, read in the browser and never uploaded;
// and its editor has line numbers, go-to-line and save keys, and a guide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, launchBrowser, withApp, newPage, runAxe, formatViolations, repoRoot, packBundle, policyCount } from './support.mjs';

const RULE = 'rules/qd-apprenticeship-subsidy.toml';
const ready = { ready: '[data-testid=check-status][data-state=ok]' };

let server, browser, dir;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-open-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of policies/ named `name`, with `edit(files)` applied to its files. */
function packFolder(name, edit = () => {}) {
  const folder = path.join(dir, name);
  fs.cpSync(path.join(repoRoot, 'policies'), folder, { recursive: true });
  edit(folder);
  return folder;
}

/** A zip of `folder` (deflated, as staff's own tools make them), under its name. */
function zipOf(folder) {
  const out = `${folder}.zip`;
  const script = 'import os, sys, zipfile\nz = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)\nbase = os.path.dirname(sys.argv[1])\nfor root, _, files in os.walk(sys.argv[1]):\n    for f in files:\n        p = os.path.join(root, f)\n        z.write(p, os.path.relpath(p, base))\nz.close()';
  const r = spawnSync('python3', ['-c', script, folder, out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

const listed = (page) => page.locator('button.file').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-path')));
const opened = (page) => page.getByTestId('opened').innerText();

test('open a folder, a zip and a bundle, chosen or dropped; what is not a pack is named; nothing leaves the browser', async () => {
  const renamed = packFolder('laoshan-pack', (f) => {
    const p = path.join(f, RULE);
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace('企业新型学徒制培训补贴', '企业新型学徒制培训补贴（崂山试点）'));
    // Saved on Windows.
    const facts = path.join(f, 'facts.toml');
    fs.writeFileSync(facts, fs.readFileSync(facts, 'utf8').replace(/\n/g, '\r\n'));
  });
  const bundle = path.join(dir, 'seed.bin');
  fs.writeFileSync(bundle, packBundle());
  await withApp(browser, new URL('studio.html', server.url).href, async ({ page, requests }) => {
    assert.match(await opened(page), /内置政策包/);
    page.on('dialog', (d) => d.accept());

    // A folder: its pack files (README.md is not one), as they are on disk.
    await page.getByTestId('folder-input').setInputFiles(renamed);
    await page.getByTestId('opened').filter({ hasText: 'laoshan-pack' }).waitFor();
    const files = await listed(page);
    assert.ok(files.includes(RULE) && files.includes('pack.toml') && files.some((f) => f.startsWith('tests/')));
    assert.ok(!files.includes('README.md'));
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    assert.equal(await page.locator('#editor').inputValue(), fs.readFileSync(path.join(renamed, RULE), 'utf8'));
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    // A file saved with Windows line ends reads as the editor shows it: not "edited".
    await page.locator('button.file[data-path="facts.toml"]').click();
    assert.equal(await page.locator('#editor').inputValue(), fs.readFileSync(path.join(renamed, 'facts.toml'), 'utf8').replace(/\r\n/g, '\n'));
    assert.equal(await page.locator('button.file[data-edited]').count(), 0);
    // The comparison is against the folder as opened: nothing changed yet.
    await page.getByTestId('compare').click();
    assert.ok((await page.getByTestId('diff-report').innerText()).includes('No policy changed.'));

    // It is remembered over a reload, in this browser only.
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    assert.match(await opened(page), /laoshan-pack/);

    // A draft, then a bundle: opening asks before it discards the draft.
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    await page.locator('#editor').fill((await page.locator('#editor').inputValue()) + '\n# draft\n');
    await page.locator('[data-testid=drafts]').waitFor();
    let asked = null;
    page.removeAllListeners('dialog');
    page.once('dialog', (d) => { asked = d.message(); d.accept(); });
    await page.getByTestId('file-input').setInputFiles(bundle);
    await page.getByTestId('opened').filter({ hasText: 'seed.bin' }).waitFor();
    assert.match(asked ?? '', /放弃当前所有草稿/);
    assert.equal(await page.locator('[data-testid=drafts]').count(), 0);
    const fromBundle = await listed(page);
    assert.equal(fromBundle.filter((f) => f.startsWith('rules/')).length, policyCount());
    assert.ok(!fromBundle.some((f) => f.startsWith('tests/')), 'a bundle has no test cases');
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    assert.match(await page.locator('#editor').inputValue(), /^# .*compiled pack/m, 'the file says it was written from a bundle');
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    assert.equal(await page.locator('[data-testid=check-status]').innerText(), `没有问题：${policyCount()} 条政策`);

    // A zip, dropped on the page (a folder inside it is fine).
    page.on('dialog', (d) => d.accept());
    const zip = fs.readFileSync(zipOf(renamed)).toString('base64');
    await page.getByTestId('open').evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'laoshan-pack.zip', { type: 'application/zip' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, zip);
    await page.getByTestId('opened').filter({ hasText: 'laoshan-pack' }).waitFor();
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    assert.match(await page.locator('#editor').inputValue(), /崂山试点/);

    // What is not a pack is named, and nothing else changes.
    const junk = path.join(dir, 'notes.bin');
    fs.writeFileSync(junk, 'PEPK this is not really a pack');
    await page.getByTestId('file-input').setInputFiles(junk);
    await page.getByTestId('open-problem').filter({ hasText: 'notes.bin' }).waitFor();
    assert.match(await page.getByTestId('open-problem').innerText(), /notes\.bin: .*compiled pack/);
    assert.match(await opened(page), /laoshan-pack/);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(path.join(empty, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(empty, 'docs', 'a.txt'), 'x');
    await page.getByTestId('file-input').setInputFiles(zipOf(empty));
    await page.getByTestId('open-problem').filter({ hasText: 'no pack.toml' }).waitFor();
    const axe = await runAxe(page);
    assert.equal(axe.length, 0, formatViolations(axe));

    // Back to the built-in pack.
    await page.getByTestId('open-builtin').click();
    await page.getByTestId('opened').filter({ hasText: '内置政策包' }).waitFor();

    // Every request was a GET of the studio's own files: no file was sent.
    const own = new URL(server.url).origin;
    assert.ok(requests.every((r) => r.startsWith(own) || r.startsWith('data:') || r.startsWith('blob:')), requests.join('\n'));
  }, ready);
});

test('the editor numbers its lines, goes to a line with Ctrl+G, saves with Ctrl+S, and says when a draft\'s file changed', async () => {
  await withApp(browser, new URL('studio.html', server.url).href, async ({ page }) => {
    const editor = page.locator('#editor');
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    const text = await editor.inputValue();
    const lines = text.split('\n').length;
    const numbers = (await page.locator('.gutter').textContent()).split('\n');
    assert.equal(numbers.length, lines);
    assert.equal(numbers.at(-1), String(lines));
    assert.equal(await page.locator('.gutter').getAttribute('aria-hidden'), 'true', 'screen readers hear the caret line instead');

    // Ctrl+G: the line box takes focus; Enter puts the cursor at the line's start.
    await editor.focus();
    await page.keyboard.press('Control+g');
    const box = page.getByLabel('跳到第几行');
    await page.waitForFunction(() => document.activeElement?.id === 'goto-line');
    await box.fill('12');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'editor');
    const start = text.split('\n').slice(0, 11).reduce((n, l) => n + l.length + 1, 0);
    assert.deepEqual(await editor.evaluate((e) => [e.selectionStart, e.selectionEnd]), [start, start]);
    await page.getByTestId('caret').filter({ hasText: '第 12 行，第 1 列' }).waitFor();
    assert.equal(await page.getByTestId('goto').count(), 0, 'the box closes');
    // Escape closes it too.
    await page.keyboard.press('Control+g');
    await page.waitForFunction(() => document.activeElement?.id === 'goto-line');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.id === 'editor');

    // Ctrl+S saves the draft at once, and says so.
    await page.keyboard.press('End');
    await page.keyboard.type(' # x');
    await page.keyboard.press('Control+s');
    await page.getByTestId('drafts-status').filter({ hasText: '草稿已保存在本浏览器中。' }).waitFor();
    const key = `policy-studio-draft:shandong-talent-seed:${RULE}`;
    assert.match(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).text, key), / # x/);

    // A draft made from another version of the file (an older built-in
    // pack): still restored, and named.
    await page.evaluate((k) => { const d = JSON.parse(localStorage.getItem(k)); d.base = '0000000000000000'; localStorage.setItem(k, JSON.stringify(d)); }, key);
    await page.reload();
    await page.getByTestId('outdated').waitFor();
    assert.match(await page.getByTestId('outdated').innerText(), new RegExp(RULE.replace(/[.]/g, '\\.')));
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    assert.match(await editor.inputValue(), / # x/);

    // The guide, the preview and the comparison pass axe, in both languages.
    await page.getByTestId('guide').locator('summary').click();
    assert.match(await page.getByTestId('guide').innerText(), /Rules of honesty/);
    assert.equal(await page.getByTestId('guide').locator('h3, h4').count() > 3, true);
    await page.getByTestId('compare').click();
    await page.getByTestId('diff-report').locator('li').first().waitFor();
    await page.getByTestId('preview-toggle').click();
    await page.frameLocator('[data-testid=preview-frame]').locator('[data-testid=start]').waitFor();
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      const axe = await runAxe(page);
      assert.equal(axe.length, 0, `${lang}: ${formatViolations(axe)}`);
    }
    // At 320 px, no sideways scrolling.
    await page.setViewportSize({ width: 320, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
  }, ready);
});

test('with the sources folder chosen, every quote is checked word for word, as policy check --sources does', async () => {
  const seeds = path.resolve(repoRoot, '..', 'shared', 'seeds');
  await withApp(browser, new URL('studio.html', server.url).href, async ({ page }) => {
    assert.match(await page.getByTestId('sources-state').innerText(), /引文未核对/);
    await page.getByTestId('sources-input').setInputFiles(seeds);
    const count = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).length;
    await page.getByTestId('sources-state').filter({ hasText: `${count} 份来源文件` }).waitFor();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();

    // A quote retyped with one character changed is found out, located.
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    const editor = page.locator('#editor');
    const original = await editor.inputValue();
    const retyped = original.replace('调整为不少于500课时', '调整为不少于五百课时');
    assert.notEqual(retyped, original);
    await editor.fill(retyped);
    await page.locator('[data-testid=check-status][data-state=problems]').waitFor();
    const shown = await page.locator('[data-testid=diagnostics] li').allTextContents();
    const copy = packFolder('quote-check', (f) => fs.writeFileSync(path.join(f, RULE), retyped));
    const cli = spawnSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', 'check', '--pack', copy, '--sources', seeds], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(cli.status, 1);
    const expected = cli.stderr.split('\n').filter((l) => l.startsWith(copy + path.sep)).map((l) => l.slice(copy.length + 1));
    assert.deepEqual(shown, expected, 'the same lines as policy check --sources');
    assert.match(shown[0], /the quote is not in seed-001/);
  }, ready);
});

test('add a policy file and remove a test file: both are drafts that survive a reload, and a discard undoes them', async () => {
  await withApp(browser, new URL('studio.html', server.url).href, async ({ page }) => {
    page.on('dialog', (d) => d.accept());
    const NEW = 'rules/qd-new-policy.toml';
    await page.getByTestId('new-file').click();
    const pathBox = page.getByLabel('新文件的路径');
    assert.equal(await pathBox.evaluate((el) => el === document.activeElement), true, 'the path box takes focus');
    // A path that is not a pack file is refused, and says why.
    await pathBox.fill('rules/New Policy.toml');
    await page.keyboard.press('Enter');
    await page.getByTestId('new-file-form').getByRole('alert').filter({ hasText: 'rules/编号.toml' }).waitFor();
    await pathBox.fill('rules/qd-apprenticeship-subsidy.toml');
    await page.keyboard.press('Enter');
    await page.getByTestId('new-file-form').getByRole('alert').filter({ hasText: '已有同名文件' }).waitFor();
    await pathBox.fill(NEW);
    await page.keyboard.press('Enter');
    await page.locator(`button.file[data-path="${NEW}"][aria-current]`).waitFor();
    assert.match(await page.locator(`button.file[data-path="${NEW}"]`).innerText(), /新文件/);
    assert.match(await page.locator('#editor').inputValue(), /^id = "qd-new-policy"$/m);
    // The check lists what the new policy still lacks, in its own file.
    await page.locator('[data-testid=check-status][data-state=problems]').waitFor();
    const problems = await page.locator('[data-testid=diagnostics] li').allTextContents();
    assert.ok(problems.length > 0 && problems.every((p) => p.startsWith(`${NEW}:`)), problems.join('\n'));

    // Remove a test file: it is listed as removed, and its cases no longer run.
    await page.getByTestId('run-tests').click();
    await page.locator('[data-testid=test-status][data-state=cannot-run]').waitFor();
    await page.locator(`button.file[data-path="${NEW}"]`).click();
    await page.getByTestId('remove-file').click();
    await page.locator(`button.file[data-path="${NEW}"]`).waitFor({ state: 'detached' });
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.getByTestId('run-tests').click();
    await page.locator('[data-testid=test-status][data-state=passed]').waitFor();
    const all = Number((await page.getByTestId('test-status').innerText()).match(/^(\d+)/)[1]);
    await page.locator('button.file[data-path="tests/validity.toml"]').click();
    await page.getByTestId('remove-file').click();
    await page.getByTestId('removed').filter({ hasText: 'tests/validity.toml' }).waitFor();
    await page.getByTestId('run-tests').click();
    await page.locator('[data-testid=test-status][data-state=passed]').waitFor();
    const fewer = Number((await page.getByTestId('test-status').innerText()).match(/^(\d+)/)[1]);
    const cases = (fs.readFileSync(path.join(repoRoot, 'policies/tests/validity.toml'), 'utf8').match(/^\[\[case\]\]/gm) || []).length;
    assert.equal(fewer, all - cases, 'the removed file\'s cases are gone');
    // The manifest and the questions cannot be removed.
    await page.locator('button.file[data-path="pack.toml"]').click();
    assert.equal(await page.getByTestId('remove-file').isDisabled(), true);

    // A new file as well, then a reload: both changes are still there.
    await page.getByTestId('new-file').click();
    await page.getByLabel('新文件的路径').fill('tests/new-cases.toml');
    await page.keyboard.press('Enter');
    await page.locator('button.file[data-path="tests/new-cases.toml"]').waitFor();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.locator('button.file[data-path="tests/new-cases.toml"]').waitFor();
    assert.equal(await page.locator('button.file[data-path="tests/validity.toml"]').count(), 0);
    await page.getByTestId('removed').waitFor();
    const axe = await runAxe(page);
    assert.equal(axe.length, 0, formatViolations(axe));

    // Discard with the new file open: the pack as opened, a file of it in
    // the editor (the new file is gone), and nothing stored.
    await page.locator('button.file[data-path="tests/new-cases.toml"]').click();
    await page.getByTestId('discard').click();
    await page.getByTestId('discard-confirm').click();
    await page.locator('button.file[data-path="tests/validity.toml"]').waitFor();
    assert.equal(await page.locator('button.file[data-path="tests/new-cases.toml"]').count(), 0);
    const open = await page.locator('button.file[aria-current]').getAttribute('data-path');
    assert.match(open, /^rules\//, 'the first policy file is open');
    assert.equal(await page.locator('#editor').inputValue(), fs.readFileSync(path.join(repoRoot, 'policies', open), 'utf8'));
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  }, ready);
});

test('a browser that cannot remember the opened pack says so, and a reload opens the built-in pack, not an older one', async () => {
  const bundle = path.join(dir, 'remember.bin');
  fs.writeFileSync(bundle, packBundle());
  // Storage refuses the opened pack (as when it is full), and only that.
  const full = () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'policy-studio-origin') throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  };
  const { page, context, problems } = await newPage(browser, { initScript: full });
  try {
    await page.goto(new URL('studio.html', server.url).href);
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.getByTestId('file-input').setInputFiles(bundle);
    await page.getByTestId('opened').filter({ hasText: 'remember.bin' }).waitFor();
    await page.getByTestId('open-problem').filter({ hasText: '无法记住打开的政策包' }).waitFor();
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    assert.match(await page.getByTestId('opened').innerText(), /内置政策包/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
