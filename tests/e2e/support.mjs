// The end-to-end tests' one harness: a static server for dist/ (and host
// pages, pack bundles, sub-paths) that sends the strict Content-Security-Policy
// and logs every request, headless Debian Chromium, and a page object for the
// questionnaire; then what the embedding, kiosk, offline and security tests
// add (host pages, pack bundles, page helpers), at the end.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const distDir = process.env.DIST_DIR || path.join(repoRoot, 'dist');
export const artefactsDir = path.join(repoRoot, 'test-results');

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.bin': 'application/octet-stream',
};

/**
 * The CSP of a host page that embeds the app from `appOrigins`: its own
 * scripts plus embed.js from the app's origin, and frames from those origins only.
 */
export function hostCsp(...appOrigins) {
  const o = appOrigins.join(' ');
  return `default-src 'self'; script-src 'self' ${o}; frame-src ${o}; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'`;
}

/**
 * Serves `root` (dist/ by default; null for none) on 127.0.0.1 at a free port.
 *
 * - `mount`: the URL prefix the app lives under (`/services/policy/`).
 * - `extra`: { '/url/path': { body, type, status, csp } }, looked up first by
 *   exact path (no query). `csp` overrides the header for that file ('' for
 *   none). The object stays live: tests may add or change entries later
 *   (server.extra).
 * - `csp`: the header sent with every dist file (the app's strict CSP).
 *
 * Every request is logged in `requests` as { method, url, path, body, headers, at }.
 */
export async function startHost({ root = distDir, mount = '/', extra = {}, csp = CSP } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://localhost');
      requests.push({ method: req.method, url: req.url, path: url.pathname, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers, at: Date.now() });
      const headers = { 'Cache-Control': 'no-store' };
      const x = extra[url.pathname];
      if (x) {
        const policy = x.csp ?? csp;
        if (policy) headers['Content-Security-Policy'] = policy;
        headers['Content-Type'] = x.type || TYPES[path.extname(url.pathname)] || 'text/plain; charset=utf-8';
        res.writeHead(x.status || 200, headers);
        res.end(req.method === 'HEAD' ? undefined : x.body);
        return;
      }
      if (!root || !url.pathname.startsWith(mount)) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return; }
      let rel;
      try { rel = decodeURIComponent(url.pathname.slice(mount.length)); } catch { res.writeHead(400); res.end('bad path'); return; }
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.join(root, rel);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return;
      }
      headers['Content-Type'] = TYPES[path.extname(file)] || 'application/octet-stream';
      if (csp) headers['Content-Security-Policy'] = csp;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + mount,
    mount,
    extra,
    requests,
    /** Requests whose path starts with `prefix`. */
    requested: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** The app's own server: dist/ with the strict CSP (see `startHost`). */
export const startServer = startHost;

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens a page that fails the test on any console error, page error or CSP
 * violation, and records every request it makes. `ready` is the selector
 * that shows the app is up (the start button unless told otherwise).
 */
export async function openApp(browser, url, { viewport = { width: 1280, height: 900 }, locale = 'zh-CN', ready = '[data-testid=start]' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.locator(ready).waitFor();
  return { context, page, problems, requests };
}

/**
 * Opens the app (see `openApp`), runs `fn` with its page, context and a
 * Journey, then requires that no console error, page error or CSP violation
 * happened, and closes the context whatever the outcome.
 */
export async function withApp(browser, url, fn, options = {}) {
  const app = await openApp(browser, url, options);
  try {
    await fn({ ...app, j: new Journey(app.page) });
    assert.deepEqual(app.problems, [], 'no console errors, page errors or CSP violations');
  } finally {
    await app.context.close();
  }
}

/** A page object for the questionnaire. */
export class Journey {
  constructor(page) { this.page = page; }

  /** The fact id of the question showing, or null. */
  async currentFact() {
    const q = this.page.locator('.question-page');
    if (await q.count() === 0) return null;
    return q.getAttribute('data-fact');
  }

  async heading() { return (await this.page.locator('#page-heading').innerText()).trim(); }

  async start() { await this.page.getByTestId('start').click(); }

  /** Answers the question showing; `value` is a choice index, an index list, or text. */
  async answer(value) {
    const page = this.page;
    const before = await this.currentFact();
    if (value === null) {
      await page.getByTestId('dont-know').click();
    } else if (Array.isArray(value)) {
      // An empty set is the exclusive "None of these", not a bare Continue.
      if (value.length === 0) await page.locator('.none-of-these input').check();
      for (const i of value) await page.locator(`#q-choice-${i}`).check();
      await page.getByTestId('continue').click();
    } else if (typeof value === 'number') {
      await page.locator(`#q-choice-${value}`).check();
      await page.getByTestId('continue').click();
    } else {
      await page.locator('#q-input').fill(String(value));
      await page.getByTestId('continue').click();
    }
    await page.waitForFunction((b) => {
      const q = document.querySelector('.question-page');
      return !q || q.getAttribute('data-fact') !== b;
    }, before);
  }

  /**
   * Answers questions by fact id until none is left; `answers` maps a fact id to
   * an answer (see `answer`) and `choiceOf` maps value ids to indices. Unlisted
   * questions are answered "I don't know".
   */
  async answerAll(answers, { max = 30 } = {}) {
    const asked = [];
    for (let i = 0; i < max; i++) {
      const fact = await this.currentFact();
      if (!fact) return asked;
      asked.push(fact);
      await this.answer(fact in answers ? answers[fact] : null);
    }
    throw new Error(`still asking after ${max} questions: ${asked.join(', ')}`);
  }

  async counts() { return (await this.page.getByTestId('summary-counts').innerText()).trim(); }

  card(policyId) { return this.page.locator(`[data-testid=policy-card][data-policy="${policyId}"]`); }

  /** A policy's one line in the collapsed "not for you" list. */
  notForYouLine(policyId) { return this.page.locator(`[data-testid=group-not-for-you] [data-testid=one-line][data-policy="${policyId}"]`); }

  /** A policy's one line among the other results (unlikely, not eligible, not in force, not for you). */
  oneLine(policyId) { return this.page.locator(`[data-testid=one-line][data-policy="${policyId}"]`); }

  /** A policy's entry on the results page: its card, or its one line among the other results. */
  entry(policyId) {
    return this.page.locator(`[data-testid=policy-card][data-policy="${policyId}"], [data-testid=one-line][data-policy="${policyId}"]`);
  }

  /** Answers from `answers` (unlisted: "I don't know") until the question about `fact` shows. */
  async answerUntil(fact, answers = {}, { max = 30 } = {}) {
    const asked = [];
    for (let i = 0; i < max; i++) {
      const current = await this.currentFact();
      if (current === fact) return asked;
      if (!current) throw new Error(`never asked ${fact}; asked ${asked.join(', ')}`);
      asked.push(current);
      await this.answer(current in answers ? answers[current] : null);
    }
    throw new Error(`${fact} not asked after ${max} questions: ${asked.join(', ')}`);
  }

  /** From the answers check, on to the results page. */
  async seeResults() {
    await this.page.getByTestId('see-results').click();
    await this.page.locator('.results-page').waitFor();
  }

  /** Starts, answers everything (see `answerAll`) and opens the results; returns the facts asked. */
  async runToResults(answers) {
    await this.start();
    const asked = await this.answerAll(answers);
    await this.page.locator('.review-page').waitFor();
    await this.seeResults();
    return asked;
  }

  /**
   * The results page's verdicts as { policyId: status }: every policy card, and
   * every one-line entry among the other results, each with its data-status.
   */
  async results() {
    const pairs = await this.page.locator('.results-page [data-testid=policy-card], .results-page [data-testid=one-line]').evaluateAll(
      (items) => items.map((e) => [e.getAttribute('data-policy'), e.getAttribute('data-status')]));
    return Object.fromEntries(pairs);
  }

  /** The policy ids with a line in the "not for you" list, in page order. */
  async notForYou() {
    return this.page.locator('[data-testid=group-not-for-you] [data-testid=one-line]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-policy')));
  }

  /**
   * The result group ("eligible", "meets-conditions", "likely", "possible", "unclear",
   * "unlikely", "ineligible", "not-in-force", "not-for-you") holding a policy's
   * card or one line, or null.
   */
  async groupOf(policyId) {
    return this.entry(policyId).evaluate((item) => {
      const section = item.closest('[data-testid^="group-"]');
      return section ? section.getAttribute('data-testid').slice('group-'.length) : null;
    });
  }

  /**
   * A card's headline (its status line) without the status symbol: the
   * whole sentence, as a screen reader and paper have it, also where the
   * screen shows only its own part under the group's title (innerText
   * would break the line at the hidden part).
   */
  async headline(policyId) {
    return (await this.card(policyId).locator('.card-status').textContent()).replace(/^[^\p{L}]+/u, '').trim();
  }

  /** What the screen shows of a card's headline, without the status symbol. */
  async shownHeadline(policyId) {
    return this.card(policyId).locator('.card-status').evaluate((p) =>
      [...p.childNodes].filter((n) => !(n instanceof Element) || (n.getClientRects().length > 0 && n.getBoundingClientRect().width > 1))
        .map((n) => n.textContent).join('').replace(/^[^\p{L}]+/u, '').trim());
  }

  /** Waits until focus is on the page heading (the app moves it there on every step). */
  async waitForHeadingFocus() {
    await this.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'page-heading');
  }

  /** Opens every <details> on the page. */
  async openAllDetails() {
    await this.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  }
}

/** A kiosk has no keyboard: numbers go in through the on-screen pad. */
export class KioskJourney extends Journey {
  async answer(value) {
    if (typeof value !== 'string') return super.answer(value);
    const before = await this.currentFact();
    for (const digit of value) await this.page.getByTestId(`key-${digit}`).click();
    await this.page.getByTestId('continue').click();
    await this.page.waitForFunction((b) => document.querySelector('.question-page')?.getAttribute('data-fact') !== b, before);
  }
}

// Barriers: instead of sleeping for a while and hoping the app is done, wait
// for an event that can only come after what the app would still do. Each of
// them is what a "nothing else happens" check waits on before it asserts.

/**
 * Two animation frames in `target` (a page or a frame): every DOM change made
 * before has been styled and laid out, and the requestAnimationFrame callbacks
 * and ResizeObserver notifications it caused have run (they run in the first
 * frame's rendering step, before the second frame's callbacks).
 */
export async function nextFrames(target, frames = 2) {
  await target.evaluate((n) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  }), frames);
}

/**
 * A task queued now in `target`, then two animation frames (`nextFrames`): a
 * zero-delay timer the app set before (such as its deferred save of the
 * answers) has run, and so has whatever it caused on screen.
 */
export async function settled(target) {
  await target.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await nextFrames(target);
}

/** How the message `frameMessageBarrier` posts begins. */
export const BARRIER_PREFIX = 'pe-test:barrier:';
let barrierSeq = 0;

/**
 * A postMessage round trip from `frame` to its parent, `page`: after two
 * animation frames in the frame (see `nextFrames`), the frame posts a token to
 * its parent, and this resolves when the parent has received it. Messages from
 * one window to another arrive in the order they were posted, so every message
 * the frame posted before (the app's height reports from its ResizeObserver,
 * its results) has by then been delivered to the page and handled by all of
 * its listeners. The token is a string starting with `BARRIER_PREFIX`; the
 * page's other listeners see it too (Chromium runs a window's listeners in the
 * order they were added, capturing or not), so a test that records the page's
 * messages leaves such strings out.
 */
export async function frameMessageBarrier(page, frame) {
  const token = `${BARRIER_PREFIX}${++barrierSeq}`;
  const arrival = await page.evaluateHandle((t) => ({
    arrived: new Promise((resolve) => {
      window.addEventListener('message', function on(e) {
        if (e.data !== t) return;
        window.removeEventListener('message', on);
        resolve(true);
      });
    }),
  }), token);
  try {
    await frame.evaluate((t) => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      .then(() => window.parent.postMessage(t, '*')), token);
    await arrival.evaluate((a) => a.arrived);
  } finally {
    await arrival.dispose();
  }
}

/**
 * Waits until the page's service worker has finished setting up: it is
 * activated (its install, which downloads every asset into its cache, is
 * done, and so is its clean-up of old caches) and it controls the page. After
 * that it requests nothing by itself. Returns 'ready'; 'unsupported' where the
 * page can have no worker (no API, or not a secure context); 'none' if no
 * worker is registered within `timeout` ms.
 */
export async function serviceWorkerSettled(target, { timeout = 10_000 } = {}) {
  return target.evaluate(async (timeout) => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return 'unsupported';
    const registration = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(() => r(null), timeout))]);
    if (!registration) return 'none';
    const worker = registration.active;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => { if (worker.state === 'activated') resolve(); }));
    }
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return 'ready';
  }, timeout);
}

/** Han characters (CJK unified ideographs, extension A, compatibility ideographs). */
export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The page's rendered text (`document.body.innerText`) leaving out every
 * element marked as Chinese (`lang="zh…"`), such as source quotes. The marked
 * elements are hidden for the read through the CSSOM (which the CSP allows)
 * and shown again at once.
 */
export async function visibleTextOutsideZh(page) {
  return page.evaluate(() => {
    const marked = [...document.body.querySelectorAll('[lang]')].filter((e) => /^zh/i.test(e.getAttribute('lang')));
    const saved = marked.map((e) => e.style.getPropertyValue('display'));
    marked.forEach((e) => e.style.setProperty('display', 'none', 'important'));
    const text = document.body.innerText;
    marked.forEach((e, i) => { if (saved[i]) e.style.setProperty('display', saved[i]); else e.style.removeProperty('display'); });
    return text;
  });
}

/** The lines of `text` holding Han characters. */
export function cjkLines(text) {
  return text.split('\n').map((l) => l.trim()).filter((l) => CJK.test(l));
}

const axePath = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');
let axeSource;

/**
 * Runs axe-core on the page and returns its violations. axe is evaluated through
 * the DevTools protocol (page.evaluate with the source as a string) rather than
 * added as a <script>: the page's CSP (script-src 'self') blocks inline scripts,
 * and evaluating this way needs no bypassCSP, so the app is checked under the very
 * policy it ships with.
 */
export async function runAxe(page, { tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } = {}) {
  axeSource ??= fs.readFileSync(axePath, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, tags);
}

/** Violations as readable lines for an assertion message. */
export function formatViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n')).join('\n');
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`. */
export async function tabTo(page, selector, { max = 60, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reached in ${max} presses of Tab`);
}

/** Saves a full-page screenshot to test-results/<name>.png and returns its path. */
export async function saveScreenshot(page, name) {
  fs.mkdirSync(artefactsDir, { recursive: true });
  const file = path.join(artefactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The number of policies in the pack: one file each in policies/rules. */
export function policyCount() {
  return fs.readdirSync(path.join(repoRoot, 'policies/rules')).filter((f) => f.endsWith('.toml')).length;
}

/**
 * Choice indices by fact and value id, read from policies/facts.toml, so that
 * tests say `C.city.qingdao` rather than a bare 0. Bool facts get { yes: 0, no: 1 }
 * (the order of the radio buttons).
 */
export function loadChoices(file = path.join(repoRoot, 'policies/facts.toml')) {
  const out = {};
  for (const block of fs.readFileSync(file, 'utf8').split(/^\[\[fact\]\]\s*$/m).slice(1)) {
    const id = block.match(/^id\s*=\s*"([^"]+)"/m)?.[1];
    const type = block.match(/^type\s*=\s*"([^"]+)"/m)?.[1];
    if (!id) continue;
    if (type === 'bool') { out[id] = { yes: 0, no: 1 }; continue; }
    const values = block.match(/^values\s*=\s*\[([\s\S]*?)^\]/m)?.[1];
    if (!values) continue;
    out[id] = Object.fromEntries([...values.matchAll(/\{\s*id\s*=\s*"([^"]+)"/g)].map((m, i) => [m[1], i]));
  }
  return out;
}

/**
 * The URL fragment's parameters (`#a=…&lang=en`, in any order) as an object;
 * values are left encoded as they are (share codes use only safe characters).
 */
export function fragmentParams(url) {
  const hash = new URL(url).hash.replace(/^#/, '');
  return Object.fromEntries(hash.split('&').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [p, ''] : [p.slice(0, i), decodeURIComponent(p.slice(i + 1))];
  }));
}

// ---------------------------------------------------------------- host sites
// What the kiosk, embed, offline and security tests add: host pages on a
// second origin (two servers on two ports are two origins), compiled pack
// bundles, and page helpers that record problems and requests.

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

/** Choice indices by fact and value id (`loadChoices`, under the name the host tests use). */
export { loadChoices as choices };

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

/**
 * A zip written here, byte by byte, as an attacker would craft one: each
 * entry `{ name, data, deflate = true, size }` keeps its name as given
 * (absolute, `..`), is deflated unless told not to, and states `size` as
 * its unpacked size when given (a lie, for a zip bomb) instead of the truth.
 * `packed` (the deflated bytes) may be passed to reuse one compression.
 */
export function craftZip(entries) {
  const u16 = (n) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
  const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
  const parts = [], central = [];
  let offset = 0;
  for (const e of entries) {
    const deflate = e.deflate ?? true;
    const packed = e.packed ?? (deflate ? zlib.deflateRawSync(e.data) : e.data);
    const crc = e.crc ?? zlib.crc32(e.data);
    const common = Buffer.concat([u16(20), u16(1 << 11), u16(deflate ? 8 : 0), u16(0), u16((46 << 9) | (1 << 5) | 1), u32(crc), u32(packed.length), u32(e.size ?? e.data.length), u16(Buffer.byteLength(e.name)), u16(0)]);
    const head = Buffer.concat([u32(0x04034b50), common, Buffer.from(e.name)]);
    parts.push(head, packed);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, Buffer.alloc(10), u32(offset), Buffer.from(e.name)]));
    offset += head.length + packed.length;
  }
  const dir = Buffer.concat(central);
  return Buffer.concat([...parts, dir, u32(0x06054b50), u32(0), u16(entries.length), u16(entries.length), u32(dir.length), u32(offset), u16(0)]);
}

/** The default pack's files as staff wrote them, tests too, as [path inside the pack, bytes]. */
export function packSourceFiles() {
  const root = path.join(repoRoot, 'policies');
  const out = ['pack.toml', 'facts.toml'].map((f) => [f, fs.readFileSync(path.join(root, f))]);
  for (const sub of ['rules', 'tests']) {
    for (const f of fs.readdirSync(path.join(root, sub)).filter((f) => f.endsWith('.toml'))) out.push([`${sub}/${f}`, fs.readFileSync(path.join(root, sub, f))]);
  }
  return out;
}
