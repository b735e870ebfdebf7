// Offline support for the pack studio (studio.html). Its own worker, whose
// scope is that one page: the citizen app's worker (sw.js) never downloads
// the studio, and the two never touch each other's caches.
// scripts/finish-build.mjs fills in this build's version and asset list.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const PREFIX = 'pack-studio-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // Nothing in the studio is stored, so a new version may take over at once.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(request, { ignoreSearch: true }))
    .then((cached) => cached || fetch(request)));
});
