// Loads the app. An external file (not an inline script) so the page runs
// under a strict Content-Security-Policy. Relative URLs: works from any sub-path.
import init from './policy-explainer.js';

// A pack split by region (`policy bundle --split-by`) is named by its index,
// `…/index.bin`: it is opened by the app's second bundle, which carries what
// loading a region on demand takes; every other visitor downloads only the
// first. (The address is the app's `pack=`, which embed.js writes from a
// host's data-pack.)
const pack = /(?:^#|&)pack=([^&]*)/.exec(window.location.hash);
const decoded = (s) => { try { return decodeURIComponent(s); } catch { return s; } };
const split = pack !== null && /(^|\/)index\.bin$/.test(decoded(pack[1]).split(/[?#]/)[0]);
const start = split ? import('./policy-explainer-split.js').then((m) => m.default) : Promise.resolve(init);
const bundle = split ? 'policy-explainer-split' : 'policy-explainer';

let registration = null;
let registering = false;

// Offline support (see sw.js). Called by the app once the first question is
// on screen, so that installing the worker (which downloads every asset into
// its cache) never competes with the first load. Service workers need a
// secure context: HTTPS, or localhost while developing.
globalThis.policyExplainerRegisterOffline = () => {
  if (registering || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  registering = true;
  navigator.serviceWorker.register('./sw.js').then((r) => {
    registration = r;
    if (split) keepSplitFiles();
  }, () => {});
};

// The worker keeps every file it fetches (sw.js), but the app for split
// packs, the index and maybe the first shard were fetched before it took
// the page over: once it has, they go into its cache (sw.js's RUNTIME), so
// that a split pack works offline after one visit. Only the app's own files
// and the pack's, from this origin.
function keepSplitFiles() {
  const sw = navigator.serviceWorker;
  const controlling = sw.controller ? Promise.resolve() : new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  sw.ready.then(() => controlling).then(() => caches.open('policy-explainer-runtime')).then((cache) => {
    const files = performance.getEntriesByType('resource').map((r) => new URL(r.name))
      .filter((u) => u.origin === window.location.origin && /(policy-explainer-split(_bg\.wasm|\.js)|\.bin)$/.test(u.pathname));
    return Promise.all(files.map((u) => cache.match(u.href).then((hit) => hit || cache.add(u.href))));
  }).catch(() => {});
}

// Called by the app between two people (after a kiosk wipe): activates a
// waiting new version, which reloads the page, or looks for one for next time.
globalThis.policyExplainerApplyUpdate = () => {
  if (!registration) return;
  if (registration.waiting && navigator.serviceWorker.controller) {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    registration.waiting.postMessage('skip-waiting');
  } else {
    registration.update().catch(() => {});
  }
};

// Read-aloud (read-aloud.js), loaded the first time the app asks: `show`
// with whether it is switched on, or `stop`.
globalThis.policyExplainerReadAloud = (what, on) => {
  import('./read-aloud.js').then((m) => m.command(what, on), () => {});
};

// The pack studio's preview asks the studio for its pack (studio-preview.js).
if (/(^#|&)preview=(1|true)(&|$)/.test(window.location.hash)) {
  globalThis.policyExplainerPreviewPack = import('./studio-preview.js').then((m) => m.previewPack());
}

// A browser that cannot run the app still gets the policies: the static
// pages need no script. Built with DOM calls, not HTML text.
function offerStaticPages(zh, en) {
  const line = document.getElementById('boot-line');
  if (!line) return;
  line.textContent = '';
  const link = (href, text) => Object.assign(document.createElement('a'), { href, textContent: text });
  const english = Object.assign(document.createElement('span'), { lang: 'en' });
  english.append(en + ' ', link('policies/en/index.html', 'Read all the policies'), '.');
  line.append(zh + ' ', link('policies/index.html', '阅读全部政策'), '。 ', english);
}

if (typeof WebAssembly !== 'object') {
  offerStaticPages('您的浏览器无法运行本查询工具。', 'Your browser cannot run this checker.');
} else start.then((run) => run({ module_or_path: new URL(`./${bundle}_bg.wasm`, import.meta.url) })).catch((error) => {
  offerStaticPages('查询工具加载失败，请刷新重试。', 'The checker failed to load; please reload.');
  const box = document.getElementById('fatal');
  if (box) {
    box.hidden = false;
    box.textContent = '页面加载失败，请刷新重试。The page failed to load; please reload. (' + error + ')';
  }
  // A kiosk or a helper's desk has nobody to press reload: it tries again by itself.
  if (/(^#|&)(kiosk|assist)=(1|true)(&|$)/.test(window.location.hash)) setTimeout(() => window.location.reload(), 5000);
});
