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
//      loads only as the studio's preview (index.html#preview=1);
//   5. the built-in pack is zipped beside the page (studio-pack.zip: the
//      files of policies/ as staff wrote them, comments and test cases too),
//      which the studio fetches and opens as it opens any zip, and the
//      writing guide (studio-guide.html, made from policies/README.md by
//      build.rs): neither is in the wasm, and the studio's worker keeps both
//      for offline use.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('build-studio.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

// The same flags index.html gives Trunk for the citizen app's wasm-opt.
const WASM_OPT_FLAGS = ['--converge', '--low-memory-unused', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', '--strip-producers',
  '--strip-target-features'];

const target = 'wasm32-unknown-unknown';
// JSON messages, to learn where build.rs wrote the guide (its OUT_DIR).
const messages = execFileSync('cargo', ['build', '--quiet', '--message-format=json-render-diagnostics', ...(release ? ['--release'] : []), '--target', target, '--bin', 'studio', '--features', 'studio'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 }).toString().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const outDir = messages.filter((m) => m.reason === 'build-script-executed' && /policy-explainer/.test(m.package_id)).map((m) => m.out_dir).at(-1);
if (!outDir) throw new Error('build-studio.mjs: cargo did not say where build.rs wrote the studio guide');
const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root, maxBuffer: 1 << 26 }));
const wasm = path.join(metadata.target_directory, target, release ? 'release' : 'debug', 'studio.wasm');
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', staging, '--out-name', 'studio', wasm]);
const out = path.join(staging, 'studio_bg.wasm');
if (release) run('wasm-opt', ['-Os', ...WASM_OPT_FLAGS, '--output', out, out]);
for (const [from, to] of [['studio.html', 'studio.html'], ['public/studio-boot.js', 'studio-boot.js'], ['public/studio-preview.js', 'studio-preview.js'], ['style/studio.css', 'studio.css']]) {
  fs.copyFileSync(path.join(root, from), path.join(staging, to));
}
fs.copyFileSync(path.join(outDir, 'studio_guide.html'), path.join(staging, 'studio-guide.html'));
const pack = packFiles(path.join(root, 'policies'));
fs.writeFileSync(path.join(staging, 'studio-pack.zip'), zip(pack));
console.log(`studio: ${fs.statSync(out).size} bytes of wasm; studio-pack.zip: ${pack.length} files`);

/** The pack files of `dir` (pack.toml, facts.toml, rules/*.toml, tests/*.toml), as [path, bytes], in path order. */
function packFiles(dir) {
  const files = ['pack.toml', 'facts.toml'].map((f) => [f, fs.readFileSync(path.join(dir, f))]);
  for (const sub of ['rules', 'tests']) {
    for (const f of fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.toml')).sort()) files.push([`${sub}/${f}`, fs.readFileSync(path.join(dir, sub, f))]);
  }
  return files.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A zip of `files`, each deflated, with UTF-8 names and a fixed date (the same bytes from the same files). */
function zip(files) {
  const u16 = (n) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
  const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
  const DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
  const local = [], central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const common = Buffer.concat([u16(20), u16(1 << 11), u16(8), u16(0), u16(DATE), u32(zlib.crc32(data)), u32(packed.length), u32(data.length), u16(Buffer.byteLength(name)), u16(0)]);
    const head = Buffer.concat([u32(0x04034b50), common, Buffer.from(name)]);
    local.push(head, packed);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, Buffer.alloc(10), u32(offset), Buffer.from(name)]));
    offset += head.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u32(0), u16(files.length), u16(files.length), u32(dir.length), u32(offset), u16(0)]);
  return Buffer.concat([...local, dir, end]);
}
