// The service worker: after the first visit the whole site works with the network off.
//
// `scripts/post-build.mjs` fills in FILES (every file of the build, the page included as
// './') and VERSION (a hash of their contents). Installing caches them all in one cache
// named after this site's scope and the version; activating deletes the older versions of
// this scope (other sites on the same origin keep theirs). Every request for a file of the
// site is answered from the cache, and a load of the playground gets the cached page
// whatever its hash route or query. Other pages of the folder (embed-demo.html) and files
// not in the build go to the network. A new build is a new sw.js: the browser installs it next to the running one, and
// the page offers to reload (www/offline.js). The new version takes over only then, so a
// page never mixes the files of two builds.
const VERSION = '__VERSION__';
const FILES = ['__FILES__'];

const SCOPE = self.registration.scope;
const PAGE = new URL(SCOPE).pathname;
const PREFIX = `shipshape ${SCOPE} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The first visit: control the page now, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

// The page's "Reload" button on the update note.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const path = new URL(request.url).pathname;
      const playground = request.mode === 'navigate' && (path === PAGE || path === `${PAGE}index.html`);
      const hit = await cache.match(playground ? SCOPE : request);
      return hit ?? fetch(request);
    })(),
  );
});
