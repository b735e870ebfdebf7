// Share links carry the rules they were made with (`rules=ID@VERSION`): a link
// opened after the pack changed says so above the results, which use the
// current rules; a link made with the current rules says nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, withApp as sharedWithApp, fragmentParams, repoRoot } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

function withApp(fn, options = {}) {
  return sharedWithApp(browser, options.url ?? server.url, fn, options);
}

/** The default pack's `id@version`, from policies/pack.toml. */
function currentRules() {
  const manifest = fs.readFileSync(path.join(repoRoot, 'policies/pack.toml'), 'utf8');
  const field = (k) => new RegExp(`^${k}\\s*=\\s*"([^"]+)"`, 'm').exec(manifest)[1];
  return `${field('id')}@${field('version')}`;
}

const ANSWERS = 'applicant:enterprise;city:qingdao';

test('the share link names the rules it was made with', async () => {
  await withApp(async ({ page }) => {
    const link = await page.getByTestId('share-link').inputValue();
    assert.equal(fragmentParams(link).rules, currentRules());
    assert.ok(!('a' in fragmentParams(page.url())) && !('rules' in fragmentParams(page.url())), `the address keeps neither once opened: ${page.url()}`);
    assert.equal(await page.getByTestId('notice').count(), 0, 'the same rules: nothing to say');
  }, { url: `${server.url}#a=${ANSWERS}&rules=${currentRules()}`, ready: '.results-page' });
});

test('a link made with other rules says, above the results, that they changed and that the current rules are used', async () => {
  await withApp(async ({ page }) => {
    const notice = await page.getByTestId('notice').innerText();
    assert.ok(notice.includes('shandong-talent-seed@1.0.0') && notice.includes(currentRules()) && notice.includes('现行规则'), notice);
    // Above the results' heading.
    const [noticeTop, headingTop] = await Promise.all([page.getByTestId('notice').boundingBox(), page.locator('#page-heading').boundingBox()]);
    assert.ok(noticeTop.y < headingTop.y);
  }, { url: `${server.url}#a=${ANSWERS}&rules=shandong-talent-seed@1.0.0`, ready: '.results-page' });
});
