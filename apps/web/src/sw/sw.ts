/// <reference lib="webworker" />
/*
 * The service worker (built to dist/web/sw.js by apps/web/vite.config.ts, served by the API with
 * `Cache-Control: no-cache` so a new one is picked up on the next visit). It keeps what the public pages last
 * showed, so a phone on a weak connection still reads them:
 *
 * - the app shell (index.html): network first, the last copy when the network fails;
 * - hashed assets (/assets/*, immutable): cache first;
 * - the public API reads of the public pages (ALLOWED below): network first, the last copy when the network
 *   fails or is slower than NETWORK_TIMEOUT_MS; the page is told (`asamblea:stale`, with the time the copy
 *   was made) and shows a notice, and told again when a read comes from the network (`asamblea:fresh`).
 *
 * Never cached: any request carrying an Authorization header (a signed-in person's reads, a console's),
 * /api/auth/*, anything not on the list (the ledger's pages are large and the verifier must read the live
 * record; open data, documents and feeds are downloads), non-GET requests, the live socket (/socket.io).
 * A plain script (no imports): the build strips its types and nothing else.
 */

declare const self: ServiceWorkerGlobalScope;

const VERSION = 'v1';
const SHELL = `asamblea-shell-${VERSION}`;
const ASSETS = `asamblea-assets-${VERSION}`;
const READS = `asamblea-reads-${VERSION}`;
const KEEP = [SHELL, ASSETS, READS];
/** When a copy exists, a read slower than this shows the copy (the network answer still refreshes it). */
const NETWORK_TIMEOUT_MS = 8_000;
/** A read larger than this is not kept (a phone's storage is small; the big lists are paged). */
const MAX_READ_BYTES = 256 * 1024;
const MAX_READS = 150;
const MAX_ASSETS = 80;
const STORED_AT = 'x-asamblea-stored-at';

/** The public reads the public pages make (GET only). */
const ALLOWED = [
  /^\/api\/sessions(\/[^/]+(\/(record|votes))?)?$/,
  /^\/api\/votes\/[^/]+(\/(secret-ballots|secret-participation))?$/,
  /^\/api\/elections(\/[^/]+(\/rounds\/[^/]+\/(ballots|participation))?)?$/,
  /^\/api\/motions(\/[^/]+)?$/,
  /^\/api\/resolutions(\/[^/]+(\/compliance)?)?$/,
  /^\/api\/plan(\/accountability|\/(objectives|dimensions)(\/[^/]+(\/accountability)?)?)?$/,
  /^\/api\/delegates(\/[^/]+(\/record)?)?$/,
  /^\/api\/constituencies$/,
  /^\/api\/institutions(\/[^/]+(\/accountability)?)?$/,
  /^\/api\/rules(\/versions(\/[^/]+)?)?$/,
];
const cacheableRead = (path: string): boolean => ALLOWED.some((pattern) => pattern.test(path));

self.addEventListener('install', (event) => {
  void self.skipWaiting();
  event.waitUntil(precacheShell());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('asamblea-') && !KEEP.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The shell and the assets it names (the public pages' code); lazy chunks are kept when first loaded. */
async function precacheShell(): Promise<void> {
  try {
    const response = await fetch('/', { cache: 'no-cache' });
    if (!isShell(response)) return;
    const html = await response.clone().text();
    await (await caches.open(SHELL)).put('/', response);
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    await (await caches.open(ASSETS)).addAll(assets);
  } catch {
    // Offline or mid-deploy: the pages still work online, and the next visit tries again.
  }
}

const isShell = (response: Response): boolean =>
  response.status === 200 && (response.headers.get('content-type') ?? '').includes('text/html');

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (request.mode === 'navigate') {
    if (path.startsWith('/api/') || path.startsWith('/socket.io') || path.startsWith('/assets/')) return;
    event.respondWith(shell(request));
    return;
  }
  if (path.startsWith('/assets/')) {
    event.respondWith(asset(request));
    return;
  }
  // A signed-in person's read is theirs: never kept, never answered from a copy.
  if (request.headers.has('authorization') || path.startsWith('/api/auth')) return;
  // A read that asks for what is served now (the verification page's: a kept copy would make it check an
  // old answer, or miss an altered one) goes straight to the network.
  if (request.cache === 'no-store') return;
  if (!cacheableRead(path)) return;
  event.respondWith(read(event));
});

async function shell(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (isShell(response)) await (await caches.open(SHELL)).put('/', response.clone());
    return response;
  } catch (error) {
    const copy = await caches.match('/', { cacheName: SHELL });
    if (copy) return copy;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(ASSETS);
  const copy = await cache.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    await trim(cache, MAX_ASSETS);
  }
  return response;
}

async function read(event: FetchEvent): Promise<Response> {
  const request = event.request;
  const cache = await caches.open(READS);
  const copy = await cache.match(request, { ignoreVary: true });
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      await keep(cache, request, response.clone());
      void tell(event, { type: 'asamblea:fresh' });
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  if (!copy) return network;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), NETWORK_TIMEOUT_MS)));
  const first = await Promise.race([network.catch(() => null), slow]);
  clearTimeout(timer);
  // A server error is the server's answer (shown as such); only a missing or late answer shows the copy.
  if (first) return first;
  void tell(event, { type: 'asamblea:stale', storedAt: Number(copy.headers.get(STORED_AT)) || null });
  return copy;
}

/** Keeps a public read (small enough, not marked private) with the time it was made. */
async function keep(cache: Cache, request: Request, response: Response): Promise<void> {
  const control = response.headers.get('cache-control') ?? '';
  if (/no-store|private/.test(control)) return;
  const body = await response.blob();
  if (body.size > MAX_READ_BYTES) return;
  const headers = new Headers(response.headers);
  headers.set(STORED_AT, String(Date.now()));
  await cache.delete(request, { ignoreVary: true });
  await cache.put(request.url, new Response(body, { status: response.status, headers }));
  await trim(cache, MAX_READS);
}

/** Oldest first (a cache lists its entries in the order they were put). */
async function trim(cache: Cache, max: number): Promise<void> {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}

async function tell(event: FetchEvent, message: { type: string; storedAt?: number | null }): Promise<void> {
  const client = event.clientId ? await self.clients.get(event.clientId) : undefined;
  client?.postMessage(message);
}

export {};
