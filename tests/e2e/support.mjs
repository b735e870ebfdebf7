// Shared set-up for the end-to-end tests: a static server for dist/ that sends
// the strict Content-Security-Policy, and headless Debian Chromium.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const distDir = process.env.DIST_DIR || path.join(repoRoot, 'dist');
export const artefactsDir = path.join(repoRoot, 'test-results');

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/** Serves `root` on 127.0.0.1 at a free port; `mount` is the URL prefix (a sub-path). */
export async function startServer({ root = distDir, mount = '/' } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(mount)) { res.writeHead(404); res.end('not found'); return; }
    let rel = decodeURIComponent(url.pathname.slice(mount.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${mount}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens a page that fails the test on any console error, page error or CSP
 * violation, and records every request it makes.
 */
export async function openApp(browser, url, { viewport = { width: 1280, height: 900 }, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.getByTestId('start').waitFor();
  return { context, page, problems, requests };
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
}
