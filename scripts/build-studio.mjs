// Builds the pack studio (studio.html) into Trunk's staging directory, beside
// the citizen app, as its own bundle. Trunk 0.21 builds one page and one main
// wasm per run, so this runs as a post_build hook, just before
// finish-build.mjs (which then minifies, shortens and precompresses the
// studio's files as it does the app's):
//   1. cargo builds the `studio` bin for wasm32 with the `studio` feature
//      (the pack loader, which the citizen app never carries);
//   2. wasm-bindgen (the pinned CLI Trunk uses) writes studio.js and
//      studio_bg.wasm for the web;
//   3. a release build runs wasm-opt -Os with the app's own flags;
//   4. the page, its external loader (strict CSP: no inline script) and its
//      stylesheet are copied, and studio-preview.js, which the citizen app
//      loads only as the studio's preview (index.html#preview=1).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('build-studio.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

// The same flags index.html gives Trunk for the citizen app's wasm-opt.
const WASM_OPT_FLAGS = ['--converge', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', '--strip-producers',
  '--strip-target-features'];

const target = 'wasm32-unknown-unknown';
run('cargo', ['build', '--quiet', ...(release ? ['--release'] : []), '--target', target, '--bin', 'studio', '--features', 'studio']);
const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root, maxBuffer: 1 << 26 }));
const wasm = path.join(metadata.target_directory, target, release ? 'release' : 'debug', 'studio.wasm');
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', staging, '--out-name', 'studio', wasm]);
const out = path.join(staging, 'studio_bg.wasm');
if (release) run('wasm-opt', ['-Os', ...WASM_OPT_FLAGS, '--output', out, out]);
for (const [from, to] of [['studio.html', 'studio.html'], ['public/studio-boot.js', 'studio-boot.js'], ['public/studio-preview.js', 'studio-preview.js'], ['style/studio.css', 'studio.css']]) {
  fs.copyFileSync(path.join(root, from), path.join(staging, to));
}
console.log(`studio: ${fs.statSync(out).size} bytes of wasm`);
