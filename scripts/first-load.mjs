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
// The pack studio (studio.html) is a bundle of its own, for policy staff:
// measured and budgeted apart from the citizen app.
export const STUDIO_LOAD = ['studio.html', 'studio-boot.js', 'studio.js', 'studio_bg.wasm', 'studio.css'];

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

/** The pack studio's load in bytes, gzipped and brotli, with one row per file. */
export function studioLoad() {
  const rows = STUDIO_LOAD.map((f) => ({ file: f, ...sizes(f) }));
  return { rows, gz: rows.reduce((a, r) => a + r.gz, 0), br: rows.reduce((a, r) => a + r.br, 0) };
}

/** A budget in KB (1 KB = 1024 bytes) from the README's budgets table row that starts with `row`. */
function readmeBudget(row) {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const m = readme.match(new RegExp(`^\\| ${row}[^|]*\\| ≤ ([\\d.]+) KB \\|`, 'm'));
  if (!m) throw new Error(`README.md has no "| ${row} … | ≤ N KB |" row in its budgets table`);
  return Number(m[1]);
}

/** The citizen app's first-load budget in KB, from README.md. */
export const budgetKb = () => readmeBudget('First load, gzipped');

/** The pack studio's budget in KB, from README.md. */
export const studioBudgetKb = () => readmeBudget('Pack studio, gzipped');

export const kb = (bytes) => (bytes / 1024).toFixed(1);
