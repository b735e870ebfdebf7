// What a browser downloads to show the first question, as the release build
// writes it, and the budget README.md states for it. Shared by
// scripts/measure.mjs (`make size`) and scripts/check-size.mjs (`make test`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = process.env.DIST_DIR || path.join(repoRoot, 'dist');

// The page, its boot script, the wasm-bindgen glue, the wasm (with the default
// pack inside) and the stylesheet. The service worker is registered only once
// the first question is painted, so it is reported apart; embed.js and the
// host example are for host pages.
export const FIRST_LOAD = ['index.html', 'boot.js', 'policy-explainer.js', 'policy-explainer_bg.wasm', 'app.css'];
export const AFTER_FIRST_QUESTION = ['sw.js'];

/** Sizes in bytes of `file` in dist/: raw, and its precompressed .gz and .br. */
export function sizes(file) {
  const at = (f) => {
    const p = path.join(distDir, f);
    if (!fs.existsSync(p)) throw new Error(`${p} is missing: run a release build (make build) first`);
    return fs.statSync(p).size;
  };
  return { raw: at(file), gz: at(`${file}.gz`), br: at(`${file}.br`) };
}

/** The first-load total in bytes, gzipped and brotli, with one row per file. */
export function firstLoad() {
  const rows = FIRST_LOAD.map((f) => ({ file: f, ...sizes(f) }));
  return { rows, gz: rows.reduce((a, r) => a + r.gz, 0), br: rows.reduce((a, r) => a + r.br, 0) };
}

/** The budget in KB (1 KB = 1024 bytes) from README.md's "First load, gzipped" row. */
export function budgetKb() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const m = readme.match(/^\| First load, gzipped[^|]*\| ≤ ([\d.]+) KB \|/m);
  if (!m) throw new Error('README.md has no "| First load, gzipped … | ≤ N KB |" row in its budgets table');
  return Number(m[1]);
}

export const kb = (bytes) => (bytes / 1024).toFixed(1);
