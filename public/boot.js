// Loads the app. An external file (not an inline script) so the page runs
// under a strict Content-Security-Policy. Relative URLs: works from any sub-path.
import init from './policy-explainer.js';

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
    keepEarlyFiles();
  }, () => {});
};

// The worker keeps every file it fetches (sw.js), but it never saw those the
// page fetched before it took the page over, such as a host's pack bundle
// (data-pack): once it has, they go into its cache too (sw.js's RUNTIME),
// so that a host's pack works offline after one visit, not two. Only this
// origin's files, whose addresses carry no answer.
function keepEarlyFiles() {
  const sw = navigator.serviceWorker;
  const controlling = sw.controller ? Promise.resolve() : new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  controlling.then(() => caches.open('policy-explainer-runtime')).then((runtime) => Promise.all(
    performance.getEntriesByType('resource').map((r) => new URL(r.name))
      .filter((u) => u.origin === window.location.origin && !u.pathname.endsWith('/sw.js'))
      .map((u) => caches.match(u.href, { ignoreSearch: true }).then((kept) => kept || runtime.add(u.href).catch(() => {}))),
  )).catch(() => {});
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
} else init({ module_or_path: new URL('./policy-explainer_bg.wasm', import.meta.url) }).catch((error) => {
  offerStaticPages('查询工具加载失败，请刷新重试。', 'The checker failed to load; please reload.');
  const box = document.getElementById('fatal');
  if (box) {
    box.hidden = false;
    box.textContent = '页面加载失败，请刷新重试。The page failed to load; please reload. (' + error + ')';
  }
  // A kiosk or a helper's desk has nobody to press reload: it tries again by itself.
  if (/(^#|&)(kiosk|assist)=(1|true)(&|$)/.test(window.location.hash)) setTimeout(() => window.location.reload(), 5000);
});
