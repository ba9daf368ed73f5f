/* global self, caches */
/*
 * The app shell offline (web-app.md "Offline"): hashed assets are kept once fetched (their names
 * change with their content); a page is asked of the network first and answered from the cached
 * index.html when there is no signal. The API is never cached here: the outbox handles writes.
 * At install it keeps the shell's files (precache.json, written by vite.config.mts); the scanner's
 * decoder and its .wasm when the app asks (a 'precache-decoder' message, sent once its screen is
 * idle): kept before the courier first scans, they work without signal.
 */
const CACHE = 'jejak-shell-v2';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => precacheList().then((list) => cache.addAll(list.shell)))
      .then(() => self.skipWaiting()),
  );
});

function precacheList() {
  return fetch('/precache.json', { cache: 'no-cache' })
    .then((response) => (response.ok ? response.json() : { shell: ['/'], decoder: [] }))
    .catch(() => ({ shell: ['/'], decoder: [] }));
}

// The app asks for the decoder once its screen is idle; the answer says when it is kept.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'precache-decoder') return;
  const port = event.ports[0];
  event.waitUntil(
    Promise.all([caches.open(CACHE), precacheList()])
      .then(([cache, list]) =>
        Promise.all(list.decoder.map((url) => cache.match(url).then((hit) => hit ?? cache.add(url)))),
      )
      .then(
        () => port?.postMessage({ ok: true }),
        () => port?.postMessage({ ok: false }),
      ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method !== 'GET' ||
    url.origin !== self.location.origin ||
    url.pathname.startsWith('/api/')
  )
    return;
  if (
    url.pathname.startsWith('/assets/') ||
    url.pathname === '/manifest.webmanifest' ||
    url.pathname === '/icon.svg'
  ) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(event.request).then(
          (hit) =>
            hit ??
            fetch(event.request).then((response) => {
              if (response.ok) void cache.put(event.request, response.clone());
              return response;
            }),
        ),
      ),
    );
    return;
  }
  if (event.request.mode === 'navigate') {
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok) void caches.open(CACHE).then((cache) => cache.put('/', response.clone()));
          return response;
        })
        .catch(() => caches.match('/')),
    );
  }
});
