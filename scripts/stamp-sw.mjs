// Trunk post-build hook: writes sw.js into the build with this build's asset
// list and a version that is the hash of those assets, so that any change to
// the app makes browsers install the new version.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('stamp-sw.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const root = path.dirname(new URL(import.meta.url).pathname);
const template = fs.readFileSync(path.join(root, '..', 'public', 'sw.js'), 'utf8');

// Everything the app needs to start; the host example and embed.js belong to
// host pages, not to the app.
const assets = fs.readdirSync(staging)
  .filter((f) => /\.(html|js|wasm|css)$/.test(f) && !['sw.js', 'embed.js', 'host-example.html', 'host-example.js'].includes(f))
  .sort();
const hash = crypto.createHash('sha256');
for (const f of assets) hash.update(f).update(fs.readFileSync(path.join(staging, f)));
const version = hash.digest('hex').slice(0, 16);
const list = JSON.stringify(['./', ...assets]);
fs.writeFileSync(path.join(staging, 'sw.js'), template.replace("'__VERSION__'", `'${version}'`).replace('__ASSETS__', list));
console.log(`sw.js: version ${version}, ${assets.length + 1} assets`);
