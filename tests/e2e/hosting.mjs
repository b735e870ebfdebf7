// What the kiosk, embed, offline and security tests add to the harness in
// support.mjs (whose server they use: two servers on two ports are two
// origins, a host site and the app): host pages, compiled pack bundles, and a
// few page helpers.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { CSP, distDir, startHost, hostCsp } from './support.mjs';

export { CSP, distDir, startHost, hostCsp };

export const repoRoot = path.resolve(distDir, '..');




/** A host page embedding the app with one script tag carrying `attrs` (data-* attributes). */
export function hostPage(appOrigin, attrs = {}, { mount = '/', before = '', after = '' } = {}) {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Host site</title><link rel="icon" href="data:,"></head>
<body>
<main>
<h1>Host site</h1>
${before}
<script src="${appOrigin}${mount}embed.js"${a} defer></script>
${after}
</main>
</body>
</html>`;
}

/** The host example page shipped in dist, with its script tag pointing at another origin. */
export function hostExamplePage(appOrigin, { mount = '/', attrs = null } = {}) {
  let html = fs.readFileSync(path.join(distDir, 'host-example.html'), 'utf8');
  html = html.replace(/<script src="embed\.js"([^>]*)>/, (_, rest) => `<script src="${appOrigin}${mount}embed.js"${attrs ?? rest}>`);
  if (!html.includes(`${appOrigin}${mount}embed.js`)) throw new Error('host-example.html: no <script src="embed.js"> to point elsewhere');
  return html;
}

/** A file of dist/ as text. */
export function distFile(name) {
  return fs.readFileSync(path.join(distDir, name), 'utf8');
}

/** The default pack's files that `policy bundle` reads, as { 'rules/x.toml': text }. */
export function packFiles() {
  const root = path.join(repoRoot, 'policies');
  const files = {};
  for (const f of ['pack.toml', 'facts.toml']) files[f] = fs.readFileSync(path.join(root, f), 'utf8');
  for (const f of fs.readdirSync(path.join(root, 'rules'))) files[`rules/${f}`] = fs.readFileSync(path.join(root, 'rules', f), 'utf8');
  return files;
}

/**
 * `policy bundle` of a pack made of `files`: the compiled bytes, or the
 * error it prints (its `file:line:col` lines) when the pack does not check.
 */
export function compileBundle(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
  try {
    for (const [p, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), body);
    }
    const out = path.join(dir, 'pack.bin');
    execFileSync('cargo', ['run', '--quiet', '--bin', 'policy', '--', 'bundle', '--pack', dir, '--out', out], { cwd: repoRoot, stdio: 'pipe' });
    return { bytes: fs.readFileSync(out), errors: [] };
  } catch (e) {
    return { bytes: null, errors: String(e.stderr).split('\n').filter((l) => l.startsWith(dir)).map((l) => l.slice(dir.length + 1)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let bundleCache;
/** The default pack compiled by `policy bundle`, as bytes. */
export function packBundle() {
  bundleCache ??= compileBundle(packFiles()).bytes;
  return bundleCache;
}

/** Choice indices by fact and value id (see support.mjs). */
export { loadChoices as choices } from './support.mjs';

/** The number of policies in the pack (see support.mjs). */
export { policyCount } from './support.mjs';

/**
 * A new context and page that records problems (console errors, page errors,
 * CSP violations seen by the page) and requests. `clock` installs Playwright's
 * clock before the page loads. `initScript` runs in every document first.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 900 }, locale = 'zh-CN', clock = false, initScript = null, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport, locale, serviceWorkers });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const failed = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() || '', at: Date.now() }));
  page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  if (initScript) await page.addInitScript(initScript);
  if (clock) await page.clock.install();
  return { context, page, problems, requests, failed };
}

/** CSP violations the page has seen (needs `newPage`'s init script). */
export async function violations(pageOrFrame) {
  return pageOrFrame.evaluate(() => window.__violations || []);
}

/** Storage and address, to prove a kiosk leaves no trace. */
export async function traces(page) {
  return page.evaluate(() => ({
    session: sessionStorage.length,
    local: localStorage.length,
    hash: location.hash,
    search: location.search,
    history: history.length,
  }));
}
