// Drafts that are never lost, tested as an attacker would: two tabs on the
// same pack (tab A edits two policies and adds rules/qd-a-new.toml, tab B
// types one line in another file, then discards); and a browser whose
// storage is full, where the officer types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, nextFrames } from './support.mjs';

const A1 = 'rules/qd-apprenticeship-subsidy.toml';
const A2 = 'rules/sd-huicai-card.toml';
const NEW = 'rules/qd-a-new.toml';
const B1 = 'facts.toml';
const PREFIX = 'policy-studio-draft:shandong-talent-seed:';
const ready = '[data-testid=check-status][data-state=ok]';
// With A's new policy file, which lists what it still lacks.
const withNewFile = '[data-testid=check-status][data-state=problems]';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Every draft in storage, as { path: text }. */
const storedDrafts = (page) => page.evaluate((prefix) => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(prefix)).sort()
  .map((k) => [k.slice(prefix.length), JSON.parse(localStorage.getItem(k)).text])), PREFIX);

/** Types `line` at the end of the open file, key by key, as an officer does. */
async function typeLine(page, line) {
  await page.locator('#editor').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(line);
}

async function open(page, file) {
  await page.locator(`button.file[data-path="${file}"]`).click();
  await page.locator(`button.file[data-path="${file}"][aria-current=true]`).waitFor();
  // The editor puts its cursor at the file's top at the next frame.
  await nextFrames(page);
}

test('two tabs on the same pack: a keystroke or a discard in B erases none of A\'s drafts, and each is told of the other\'s', async () => {
  const { context, page: a, problems } = await newPage(browser);
  try {
    const url = new URL('studio.html', server.url).href;
    await a.goto(url);
    await a.locator(ready).waitFor();
    // Tab B, open on the same pack before A edits anything.
    const b = await context.newPage();
    await b.goto(url);
    await b.locator(ready).waitFor();

    // A edits two policies and adds a new one.
    await open(a, A1);
    await typeLine(a, '\n# edited in tab A');
    await open(a, A2);
    await typeLine(a, '\n# edited in tab A too');
    await a.getByTestId('new-file').click();
    await a.getByLabel('新文件的路径').fill(NEW);
    await a.keyboard.press('Enter');
    await a.locator(`button.file[data-path="${NEW}"][aria-current=true]`).waitFor();
    const a1 = await a.evaluate((p) => JSON.parse(localStorage.getItem(p)).text, PREFIX + A1);
    const a2 = await a.evaluate((p) => JSON.parse(localStorage.getItem(p)).text, PREFIX + A2);
    assert.match(a1, /# edited in tab A$/);
    assert.match(a2, /# edited in tab A too$/);

    // B hears of each, and says so, offering to load them.
    await b.getByTestId('elsewhere').filter({ hasText: NEW }).waitFor();
    assert.match(await b.getByTestId('elsewhere').innerText(), new RegExp([NEW, A1, A2].map((p) => p.replace(/[.]/g, '\\.')).join(', ')));

    // B types one line in another file, and waits past the check's pause.
    await open(b, B1);
    await typeLine(b, '\n# one line from tab B');
    await b.locator(ready).waitFor();
    await b.waitForTimeout(600);
    await a.waitForTimeout(600);

    // Storage lost nothing: A's three drafts and B's one.
    const stored = await storedDrafts(a);
    assert.deepEqual(Object.keys(stored), [B1, A1, NEW, A2].sort());
    assert.equal(stored[A1], a1);
    assert.equal(stored[A2], a2);
    assert.match(stored[NEW], /^id = "qd-a-new"$/m);
    assert.match(stored[B1], /# one line from tab B$/);

    // A is told of B's change and offered it, rather than writing over it.
    await a.getByTestId('elsewhere').filter({ hasText: B1 }).waitFor();
    assert.equal(await a.getByTestId('elsewhere').getAttribute('role'), 'alert');
    await open(a, B1);
    assert.equal(await a.locator('#editor').getAttribute('readonly'), '', 'A holds off typing over B\'s draft');
    assert.match(await a.getByTestId('editor-held').innerText(), /另一个标签页修改了这个文件/);
    assert.doesNotMatch(await a.locator('#editor').inputValue(), /tab B/);
    await a.getByTestId('take-theirs').click();
    await a.getByTestId('elsewhere').waitFor({ state: 'detached' });
    assert.match(await a.locator('#editor').inputValue(), /# one line from tab B$/, 'A now shows B\'s line');
    assert.equal(await a.locator('#editor').getAttribute('readonly'), null);

    // A reload of A loses nothing: its edits and the new file, and B's line.
    await a.reload();
    await a.locator(withNewFile).waitFor();
    for (const [file, text] of [[A1, a1], [A2, a2]]) {
      await open(a, file);
      assert.equal(await a.locator('#editor').inputValue(), text, file);
    }
    await open(a, NEW);
    assert.match(await a.locator('#editor').inputValue(), /^id = "qd-a-new"$/m);
    await open(a, B1);
    assert.match(await a.locator('#editor').inputValue(), /# one line from tab B$/);

    // B discards: its own draft only. A's drafts stay in storage and in A.
    b.on('dialog', (d) => d.accept());
    await b.getByTestId('discard').click();
    await b.getByTestId('discard-confirm').click();
    await b.getByTestId('drafts-status').filter({ hasText: '已放弃草稿' }).waitFor();
    const left = await storedDrafts(b);
    assert.deepEqual(Object.keys(left), [A1, NEW, A2].sort(), 'B\'s discard forgot only B\'s draft');
    assert.equal(left[A1], a1);
    assert.equal(left[A2], a2);
    assert.ok(await b.getByTestId('elsewhere').count(), 'B still offers A\'s drafts');
    await a.reload();
    await a.locator(withNewFile).waitFor();
    await open(a, A1);
    assert.equal(await a.locator('#editor').inputValue(), a1, 'A\'s draft survives B\'s discard');
    assert.equal(await a.locator(`button.file[data-path="${NEW}"]`).count(), 1);

    // The same file in both tabs: B keeps its own version only when asked,
    // and A hears of that in turn.
    await b.getByTestId('take-theirs').click();
    await open(b, A1);
    assert.equal(await b.locator('#editor').inputValue(), a1, 'B loaded A\'s draft');
    await typeLine(b, '\n# B on top of A');
    await a.getByTestId('elsewhere').filter({ hasText: A1 }).waitFor();
    await a.getByTestId('keep-mine').click();
    await b.getByTestId('elsewhere').filter({ hasText: A1 }).waitFor();
    assert.equal((await storedDrafts(a))[A1], a1, 'A kept its version, as asked');
    assert.match(await b.locator('#editor').inputValue(), /# B on top of A$/, 'B\'s keystrokes are still on its screen, to keep or drop');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('storage that is full says so where the officer types, and the text stays in the editor', async () => {
  // Storage refuses drafts while window.__full is true, as a full one does.
  const full = () => {
    window.__full = true;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__full && key.startsWith('policy-studio-draft:')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  };
  const { page, context, problems } = await newPage(browser, { initScript: full });
  try {
    await page.goto(new URL('studio.html', server.url).href);
    await page.locator(ready).waitFor();
    await open(page, A1);
    await typeLine(page, '\n# typed with storage full');
    const said = page.getByTestId('editor-unsaved');
    await said.filter({ hasText: A1 }).waitFor();
    assert.match(await said.innerText(), /本浏览器没有保存 rules\/qd-apprenticeship-subsidy\.toml 的草稿（存储已满或被拒绝）：文字仍在编辑框中/);
    assert.equal(await said.getAttribute('role'), 'alert');
    assert.equal(await said.evaluate((el) => el.closest('.edit').contains(document.getElementById('editor'))), true, 'said beside the editor');
    assert.equal(await page.locator('#editor').evaluate((el) => el.getAttribute('aria-describedby').split(' ').some((id) => document.getElementById(id)?.contains(document.querySelector('[data-testid=editor-unsaved]')))), true, 'and read with it');
    assert.match(await page.locator('#editor').inputValue(), /# typed with storage full$/, 'the text stays in the editor');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0);
    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    assert.match(await said.innerText(), /^This browser did not keep the draft of rules\/qd-apprenticeship-subsidy\.toml/);
    await page.getByRole('button', { name: '中文' }).click();

    // Room again: the next keystroke keeps the whole text, and the message goes.
    await page.evaluate(() => { window.__full = false; });
    await typeLine(page, '!');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-unsaved]').textContent === '');
    const key = `${PREFIX}${A1}`;
    assert.match(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).text, key), /# typed with storage full!$/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
