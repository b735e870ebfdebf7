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

// 2. Stamp the service worker. Everything the app needs to start; the host
// example and embed.js belong to host pages, not to the app.
const assets = fs.readdirSync(staging)
  .filter((f) => /\.(html|js|wasm|css)$/.test(f) && !['sw.js', 'embed.js', 'host-example.html', 'host-example.js'].includes(f))
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
