// Offline support. scripts/stamp-sw.mjs fills in this build's version and
// asset list at build time.
//
// - Every asset of the build is cached at install and served from the cache,
//   so a kiosk, or a phone that loaded the app once, works with no network.
// - A pack bundle named by a host page is fetched from the network first
//   and cached, so it too works offline after its first use.
// - A new version installs in the background and waits. The app activates
//   it only between two people (after a wipe), never mid-questionnaire.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `policy-explainer-${VERSION}`;
const RUNTIME = 'policy-explainer-runtime';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('policy-explainer-') && k !== CACHE && k !== RUNTIME).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const precached = await caches.open(CACHE).then((c) => c.match(request, { ignoreSearch: true }));
    if (precached) return precached;
    if (request.mode === 'navigate') {
      // Any page of the app's folder opens the app, even offline.
      const page = await caches.open(CACHE).then((c) => c.match('index.html'));
      if (page && url.pathname.endsWith('/')) return page;
    }
    const runtime = await caches.open(RUNTIME);
    try {
      const response = await fetch(request);
      if (response.ok) await runtime.put(request, response.clone());
      return response;
    } catch (error) {
      const cached = await runtime.match(request);
      if (cached) return cached;
      throw error;
    }
  })());
});
