// Builds the citizen app's second bundle, for packs split by region (`policy
// bundle --split-by FACT --out DIR`): the same app with the `split` feature
// (src/app/shards.rs: it opens a split pack's index and fetches the
// visitor's region's shard), as policy-explainer-split.js and
// policy-explainer-split_bg.wasm beside the app. public/boot.js loads it
// only when the pack the app is given is named `…/index.bin`, so a visitor
// of any other deployment never downloads it. A Trunk post_build hook, run
// before finish-build.mjs (which minifies, shortens and precompresses it as
// it does the app's). Its own cargo target directory, so that neither build
// undoes the other's features.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WASM_OPT_FLAGS } from './wasm-opt-flags.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('build-split.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = path.join(root, 'target', 'split');
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

const target = 'wasm32-unknown-unknown';
run('cargo', ['build', '--quiet', ...(release ? ['--release'] : []), '--target', target, '--bin', 'policy-explainer', '--features', 'split'], { CARGO_TARGET_DIR: targetDir });
const wasm = path.join(targetDir, target, release ? 'release' : 'debug', 'policy-explainer.wasm');
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', staging, '--out-name', 'policy-explainer-split', wasm]);
const out = path.join(staging, 'policy-explainer-split_bg.wasm');
if (release) run('wasm-opt', ['-Os', ...WASM_OPT_FLAGS, '--output', out, out]);
console.log(`policy-explainer-split: the app for split packs`);
