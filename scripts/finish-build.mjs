// Trunk post-build hook, in order:
//   1. a release build minifies its JavaScript with terser (Trunk's own
//      minifier fails on the wasm-bindgen glue);
//   2. sw.js is written with this build's asset list and a version that is
//      the hash of those assets, so any change to the app installs anew;
//   3. a release build writes .gz and .br beside every asset, for hosts that
//      serve precompressed files (see README, "Hosting"). The .gz files are
//      made with zopfli: plain gzip that any browser reads, 5–8% smaller
//      than zlib's best, because it is compressed once and downloaded often.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { minify } from 'terser';
import zopfli from '@gfx/zopfli';

const zopfliGzip = promisify(zopfli.gzip);

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('finish-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const file = (f) => path.join(staging, f);

// 1. Minify. The glue is an ES module; embed.js runs as a classic script on host pages.
if (release) {
  for (const f of fs.readdirSync(staging).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
    const source = fs.readFileSync(file(f), 'utf8');
    const result = await minify(source, { module: f !== 'embed.js', compress: { passes: 2 }, mangle: true, format: { comments: false } });
    fs.writeFileSync(file(f), result.code);
    console.log(`minified ${f}: ${source.length} -> ${result.code.length} bytes`);
  }
}

// 1b. Short names between the wasm and its glue. wasm-bindgen names each
// import and internal export after its Rust item plus a 16-hex-digit hash
// (`__wbg_focus_d5e2fdbdb56416f0`), and both files spell every name out:
// about 4 KB gzipped of hash digits, which compress badly. Renamed the same
// way in both (`$0`, `$1`, …); any surprise in the wasm stops the build.
// The pack studio's bundle (scripts/build-studio.mjs) the same way.
shortenGlueNames('policy-explainer');
shortenGlueNames('studio');

// 1c. Both wasm files are optimised with wasm-opt's --low-memory-unused
// (index.html, build-studio.mjs): it folds constant offsets into loads and
// stores on the promise that nothing lives in the first 1 KB of memory
// (0.9 KB gzipped smaller). That holds while the linker puts the stack
// first, growing down from below the data toward 0 (reached only by a
// stack overflow), and every data segment above 1 KB: checked here, so a
// toolchain that lays memory out otherwise stops the build.
checkLowMemoryUnused('policy-explainer');
checkLowMemoryUnused('studio');

// 2. Stamp the service worker. Everything the app needs to start; the host
// example and embed.js belong to host pages, not to the app, and the pack
// studio (studio*) to policy staff: a citizen's phone never downloads it.
const assets = fs.readdirSync(staging)
  .filter((f) => /\.(html|js|wasm|css)$/.test(f) && !['sw.js', 'embed.js', 'host-example.html', 'host-example.js'].includes(f) && !f.startsWith('studio'))
  .sort();
const hash = crypto.createHash('sha256');
for (const f of assets) hash.update(f).update(fs.readFileSync(file(f)));
const version = hash.digest('hex').slice(0, 16);
// Left readable: it is fetched after the first question, not in the first load.
const sw = fs.readFileSync(path.join(root, 'public', 'sw.js'), 'utf8')
  .replace("'__VERSION__'", `'${version}'`)
  .replace('__ASSETS__', JSON.stringify(['./', ...assets]));
fs.writeFileSync(file('sw.js'), sw);
console.log(`sw.js: version ${version}, ${assets.length + 1} assets`);

// 2b. The pack studio's own worker (scope: studio.html), stamped the same way
// with the studio's files.
// With the built-in pack (studio-pack.zip) and the guide, which the studio fetches.
const studioAssets = fs.readdirSync(staging).filter((f) => /^studio.*\.(html|js|wasm|css|zip)$/.test(f) && f !== 'studio-sw.js').sort();
if (studioAssets.length) {
  const studioHash = crypto.createHash('sha256');
  for (const f of studioAssets) studioHash.update(f).update(fs.readFileSync(file(f)));
  const studioVersion = studioHash.digest('hex').slice(0, 16);
  fs.writeFileSync(file('studio-sw.js'), fs.readFileSync(path.join(root, 'public', 'studio-sw.js'), 'utf8')
    .replace("'__VERSION__'", `'${studioVersion}'`)
    .replace('__ASSETS__', JSON.stringify(studioAssets)));
  console.log(`studio-sw.js: version ${studioVersion}, ${studioAssets.length} assets`);
}

// 3. Precompress (static files only; never the pages a host generates).
if (release) {
  for (const f of fs.readdirSync(staging).filter((f) => /\.(html|js|wasm|css|bin)$/.test(f))) {
    const raw = fs.readFileSync(file(f));
    fs.writeFileSync(file(`${f}.gz`), await zopfliGzip(raw, { numiterations: 15 }));
    fs.writeFileSync(file(`${f}.br`), zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }));
  }
  console.log('wrote .gz and .br beside each asset');
}

function shortenGlueNames(bundle) {
  const wasmPath = file(`${bundle}_bg.wasm`);
  const gluePath = file(`${bundle}.js`);
  const wasm = fs.readFileSync(wasmPath);
  let glue = fs.readFileSync(gluePath, 'utf8');
  // The module the imports come from, once per import: the glue names it once.
  const GLUE_MODULE = `./${bundle}_bg.js`;
  const SHORT_MODULE = 'w';
  const moduleKey = new RegExp(`(["'])\\./${bundle.replace(/[-.]/g, '\\$&')}_bg\\.js\\1`, 'g');
  if ((glue.match(moduleKey) || []).length !== 1) throw new Error(`shortenGlueNames: the glue does not name ${GLUE_MODULE} exactly once`);
  glue = glue.replace(moduleKey, `"${SHORT_MODULE}"`);
  // Only wasm-bindgen's own names, and only those the glue spells out.
  const renamable = (name) => /^(__wbg_|__wbindgen_|__externref_|wasm_bindgen__)/.test(name);
  const token = (name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  const inGlue = (name) => token(name).test(glue);

  const leb = (at) => readUleb(wasm, at);
  const uleb = (n) => {
    const out = [];
    do {
      let byte = n % 128;
      n = Math.floor(n / 128);
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return Buffer.from(out);
  };
  const str = (at) => {
    const len = leb(at);
    const s = wasm.toString('utf8', at.i, at.i + len);
    at.i += len;
    return s;
  };
  const limits = (at) => {
    const flags = wasm[at.i++];
    leb(at);
    if (flags & 1) leb(at);
  };

  const names = new Map();
  let next = 0;
  const rename = (name) => {
    if (!renamable(name) || !inGlue(name)) return name;
    if (!names.has(name)) {
      let short;
      do short = `$${(next++).toString(36)}`;
      while (inGlue(short));
      names.set(name, short);
    }
    return names.get(name);
  };
  const nameBytes = (s) => Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);

  const parts = [wasm.subarray(0, 8)];
  const at = { i: 8 };
  while (at.i < wasm.length) {
    const id = wasm[at.i++];
    const size = leb(at);
    const start = at.i, end = start + size;
    let body = wasm.subarray(start, end);
    if (id === 2 || id === 7) {
      const out = [];
      const count = leb(at);
      out.push(uleb(count));
      for (let n = 0; n < count; n++) {
        if (id === 2) {
          const module = str(at);
          const field = str(at);
          const descStart = at.i;
          const kind = wasm[at.i++];
          if (kind === 0) leb(at);
          else if (kind === 1) { at.i++; limits(at); }
          else if (kind === 2) limits(at);
          else if (kind === 3) at.i += 2;
          else throw new Error(`shortenGlueNames: import ${module} ${field} of kind ${kind}`);
          const glued = module === GLUE_MODULE;
          out.push(nameBytes(glued ? SHORT_MODULE : module), nameBytes(glued ? rename(field) : field), wasm.subarray(descStart, at.i));
        } else {
          const name = str(at);
          const descStart = at.i;
          at.i++;
          leb(at);
          out.push(nameBytes(rename(name)), wasm.subarray(descStart, at.i));
        }
      }
      if (at.i !== end) throw new Error(`shortenGlueNames: section ${id} did not parse (${at.i} of ${end})`);
      body = Buffer.concat(out);
    }
    parts.push(Buffer.from([id]), uleb(body.length), body);
    at.i = end;
  }
  for (const [name, short] of names) glue = glue.replace(token(name), () => short);
  fs.writeFileSync(wasmPath, Buffer.concat(parts));
  fs.writeFileSync(gluePath, glue);
  console.log(`shortened ${names.size} names between the wasm and its glue`);
}

/** The unsigned LEB128 number in `bytes` at `at.i`, moving `at.i` past it. */
function readUleb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at.i++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

function checkLowMemoryUnused(bundle) {
  const wasm = fs.readFileSync(file(`${bundle}_bg.wasm`));
  const at = { i: 8 };
  const uleb = () => readUleb(wasm, at);
  // An i32.const initialiser (the only kind the linker writes here).
  const constExpr = () => {
    if (wasm[at.i++] !== 0x41) throw new Error(`${bundle}: a global or data offset that is not i32.const; cannot check --low-memory-unused`);
    let value = 0, shift = 0, byte;
    do {
      byte = wasm[at.i++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (shift < 32 && byte & 0x40) value |= -1 << shift;
    if (wasm[at.i++] !== 0x0b) throw new Error(`${bundle}: an initialiser longer than one i32.const`);
    return value >>> 0;
  };
  let stack = null;
  const offsets = [];
  while (at.i < wasm.length) {
    const id = wasm[at.i++];
    const size = uleb();
    const end = at.i + size;
    if (id === 6) {
      // The first mutable i32 global is the stack pointer.
      for (let n = uleb(); n > 0; n--) {
        const [type, mutable] = [wasm[at.i++], wasm[at.i++]];
        if (type !== 0x7f) {
          // Another type's constant (i64, f32, f64): not the stack pointer.
          const op = wasm[at.i++];
          if (op === 0x42) while (wasm[at.i++] & 0x80);
          else if (op === 0x43 || op === 0x44) at.i += op === 0x43 ? 4 : 8;
          else throw new Error(`${bundle}: a global of type ${type} set by opcode ${op}; cannot check --low-memory-unused`);
          if (wasm[at.i++] !== 0x0b) throw new Error(`${bundle}: an initialiser longer than one constant`);
          continue;
        }
        const init = constExpr();
        if (mutable && stack === null) stack = init;
      }
    } else if (id === 11) {
      for (let n = uleb(); n > 0; n--) {
        const flags = uleb();
        if (flags === 2) uleb();
        if (flags !== 1) offsets.push(constExpr());
        const length = uleb();
        at.i += length;
      }
    }
    at.i = end;
  }
  const lowest = Math.min(...offsets);
  if (stack === null || stack < 1024 || stack > lowest || lowest < 1024) {
    throw new Error(`${bundle}_bg.wasm: the stack starts at ${stack} and the data at ${lowest}: wasm-opt's --low-memory-unused needs the stack first and nothing below 1024`);
  }
  console.log(`${bundle}: stack first (from ${stack}), data from ${lowest}: the low 1 KB is unused`);
}
