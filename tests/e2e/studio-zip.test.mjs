// The pack studio opens zips as an attacker might craft them: a zip bomb is
// refused by name before it fills the memory, and the drafts survive; a stray
// entry with an absolute path beside the pack's folder is ignored, as is any
// `..`; only the pack's own files are unpacked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser, newPage, craftZip, packSourceFiles, policyCount } from './support.mjs';

const RULE = 'rules/qd-apprenticeship-subsidy.toml';
const EIGHT_MB = 8 << 20;

let server, browser, dir;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-zip-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `bytes` saved as `name` in the test's folder. */
function saved(name, bytes) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The studio with a draft of RULE, and what the draft says. */
async function studioWithDraft() {
  const opened = await newPage(browser);
  const { page } = opened;
  await page.goto(new URL('studio.html', server.url).href);
  await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
  await page.locator(`button.file[data-path="${RULE}"]`).click();
  const draft = (await page.locator('#editor').inputValue()) + '\n# a draft that must survive\n';
  await page.locator('#editor').fill(draft);
  await page.locator('[data-testid=drafts]').waitFor();
  page.on('dialog', (d) => d.accept());
  return { ...opened, draft };
}

/** The draft is still in the editor, in storage and named by the notice, and the pack as opened is still open. */
async function draftSurvives(page, draft) {
  assert.equal(await page.locator('#editor').inputValue(), draft);
  const key = `policy-studio-draft:shandong-talent-seed:${RULE}`;
  assert.equal(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).text, key), draft);
  assert.equal(await page.locator('[data-testid=drafts]').count(), 1);
  assert.match(await page.getByTestId('opened').innerText(), /内置政策包/);
  assert.equal(await page.locator('#fatal').evaluate((el) => el.hidden), true, `no crash: ${await page.locator('#fatal').innerText()}`);
}

test('a zip bomb (600 entries of 8 MB in 5 MB) is refused by name at once, and the drafts survive', async () => {
  // 8 MB of zeros deflates to about 8 KB: 600 of them make a 5 MB zip of 4.8 GB.
  const zeros = Buffer.alloc(EIGHT_MB);
  const packed = zlib.deflateRawSync(zeros, { level: 9 });
  const crc = zlib.crc32(zeros);
  const entries = [{ name: 'pack.toml', data: Buffer.from('id = "bomb"\n') }];
  for (let i = 0; i < 600; i++) entries.push({ name: `rules/bomb-${i}.toml`, data: zeros, packed, crc });
  const bomb = saved('bomb.zip', craftZip(entries));
  assert.ok(fs.statSync(bomb).size < 6 << 20, `${fs.statSync(bomb).size} bytes`);
  const { page, context, problems, draft } = await studioWithDraft();
  try {
    const started = Date.now();
    await page.getByTestId('file-input').setInputFiles(bomb);
    await page.getByTestId('open-problem').filter({ hasText: 'bomb.zip' }).waitFor();
    assert.match(await page.getByTestId('open-problem').innerText(), /^bomb\.zip: its pack files unpack to 4801 MB, over the 32 MB a whole pack may hold: refused, as a zip bomb would be$/);
    assert.ok(Date.now() - started < 5000, `refused in ${Date.now() - started} ms, before unpacking anything`);
    await draftSurvives(page, draft);

    // The same bomb with each entry lying about its size (1 KB): the
    // unpacking itself stops at the cap, whatever the zip says.
    const liar = saved('liar.zip', craftZip(entries.map((e, i) => (i ? { ...e, size: 1024 } : e))));
    await page.getByTestId('file-input').setInputFiles(liar);
    await page.getByTestId('open-problem').filter({ hasText: 'liar.zip' }).waitFor();
    assert.match(await page.getByTestId('open-problem').innerText(), /^liar\.zip: rules\/bomb-\d+\.toml unpacks to more than the zip says, past what a pack may hold: refused, as a zip bomb would be$/);
    await draftSurvives(page, draft);
    await page.reload();
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.locator(`button.file[data-path="${RULE}"]`).click();
    assert.equal(await page.locator('#editor').inputValue(), draft, 'the draft survives a reload too');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a stray /abs/pack.toml beside pack/ is ignored and pack/ opens; .. entries and files that are not pack files are never taken', async () => {
  const files = packSourceFiles();
  const zeros = Buffer.alloc(EIGHT_MB);
  const packed = zlib.deflateRawSync(zeros, { level: 9 });
  const crc = zlib.crc32(zeros);
  const entries = [
    { name: '/abs/pack.toml', data: Buffer.from('id = "stray"\n') },
    { name: '../pack.toml', data: Buffer.from('id = "climbs"\n') },
    ...files.map(([p, data]) => ({ name: `pack/${p}`, data })),
    { name: 'pack/../../rules/evil.toml', data: Buffer.from('id = "evil"\n') },
    { name: 'pack/rules/../../evil.toml', data: Buffer.from('id = "evil"\n') },
    // 100 source scans of 8 MB: 800 MB, which only a reader of every file would unpack.
    ...Array.from({ length: 100 }, (_, i) => ({ name: `pack/sources/scan-${i}.pdf`, data: zeros, packed, crc })),
  ];
  const stray = saved('stray-root.zip', craftZip(entries));
  const { page, context, problems } = await newPage(browser);
  try {
    await page.goto(new URL('studio.html', server.url).href);
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    await page.getByTestId('file-input').setInputFiles(stray);
    await page.getByTestId('opened').filter({ hasText: 'pack' }).waitFor();
    assert.match(await page.getByTestId('opened').innerText(), /^正在编辑：pack \(shandong-talent-seed /);
    await page.locator('[data-testid=check-status][data-state=ok]').waitFor();
    assert.equal(await page.locator('[data-testid=check-status]').innerText(), `没有问题：${policyCount()} 条政策`);
    const listed = await page.locator('button.file').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-path')));
    assert.deepEqual(listed, files.map(([p]) => p).sort(), 'the pack files of pack/, and nothing else');
    await page.locator('button.file[data-path="pack.toml"]').click();
    assert.equal(await page.locator('#editor').inputValue(), files.find(([p]) => p === 'pack.toml')[1].toString());
    assert.equal(await page.getByTestId('open-problem').innerText(), '');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
