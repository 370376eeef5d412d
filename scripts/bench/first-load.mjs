// `npm run bench -- first-load`: the public board's first load in Chromium on a weak connection (CDP network
// throttling: 400 kbit/s down and up, 400 ms round trip), cold (a new browser context: nothing cached) and
// warm (the same context again, the service worker installed and its caches filled), to the board's
// heading (the session's title, once the live snapshot arrived) and to the first contentful paint.
// Printed with the gzip sizes of what the board loads, beside an unthrottled baseline of the same run.
// The browser talks to the API through a small gzip proxy, as in production behind docker/nginx.conf
// (`gzip on`, level 5): the API alone sends its code uncompressed. BENCH_FIRST_LOAD_RAW=1: straight to the API.
//
// The throttling is the page's (Network.emulateNetworkConditions on its target): the requests the service
// worker itself makes (the network-first public reads) are not throttled by it; the shell's navigation, the
// assets (cache first: no request at all when warm) and the live socket are.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { createGzip, constants as zlib, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { apiEnv, createDatabase, startApi, stopProcess, writeFigures } from './support.mjs';

const THROTTLED = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};

// What the board loads, from the built index.html (as scripts/build-web.mjs counts it).
const html = readFileSync('dist/web/index.html', 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const gzipKb = (file) => gzipSync(readFileSync(`dist/web/${file}`), { level: 9 }).length / 1024;
const bundles = Object.fromEntries(initial.map((file) => [file, Number(gzipKb(file).toFixed(1))]));
const bundleKb = Number(
  Object.values(bundles)
    .reduce((a, b) => a + b, 0)
    .toFixed(1),
);

/** nginx's part: gzip for text answers the browser accepts it for; the socket's upgrade passed through. */
function gzipProxy(target) {
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        const type = answer.headers['content-type'] ?? '';
        const gzip =
          /gzip/.test(request.headers['accept-encoding'] ?? '') &&
          /javascript|css|json|html|text\/plain/.test(type) &&
          !answer.headers['content-encoding'];
        const headers = { ...answer.headers };
        if (gzip) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
        }
        response.writeHead(answer.statusCode ?? 502, headers);
        if (gzip) answer.pipe(createGzip({ level: 5, flush: zlib.Z_SYNC_FLUSH })).pipe(response);
        else answer.pipe(response);
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  server.on('upgrade', (request, socket, head) => {
    const back = net.connect(Number(upstream.port), upstream.hostname, () => {
      back.write(
        `${request.method} ${request.url} HTTP/1.1\r\n${Object.entries(request.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n`,
      );
      back.write(head);
      socket.pipe(back).pipe(socket);
    });
    back.on('error', () => socket.destroy());
    socket.on('error', () => back.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

const database = await createDatabase('first_load');
let proxy;
let api;
let browser;
try {
  api = await startApi(
    apiEnv({
      databaseUrl: database.url,
      secret: 'bench-first-load-secret-0123456789abcdef',
      ASAMBLEA_DEMO: 'true',
      LOG_LEVEL: 'error',
    }),
  );
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const sessions = await (await fetch(`${api.url}/api/sessions`)).json();
  const session =
    sessions.find((s) => s.status === 'open' || s.status === 'suspended') ??
    sessions.find((s) => s.status === 'scheduled') ??
    sessions[0];
  if (!session) throw new Error('the demo record has no session');
  proxy = process.env.BENCH_FIRST_LOAD_RAW === '1' ? null : await gzipProxy(api.url);
  const board = `${proxy?.url ?? api.url}/sesiones/${session.id}`;

  /** One load of the board in `context`: ms to the heading and to the first contentful paint. */
  const load = async (context, throttled) => {
    const page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', THROTTLED);
    }
    // What came over the network (not from the service worker's caches), body and headers.
    const sizes = [];
    page.on('requestfinished', (request) =>
      sizes.push(
        request
          .response()
          .then((response) =>
            response && !response.fromServiceWorker()
              ? request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)
              : 0,
          )
          .catch(() => 0),
      ),
    );
    const started = performance.now();
    await page.goto(board, { waitUntil: 'commit', timeout: 300_000 });
    await page.getByRole('heading', { level: 1, name: session.title }).waitFor({ timeout: 300_000 });
    const heading = performance.now() - started;
    const paint = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    );
    const controlled = await page.evaluate(() => !!navigator.serviceWorker?.controller);
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 300_000 });
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await page.close();
    return {
      heading: Math.round(heading),
      paint: paint === null ? null : Math.round(paint),
      controlled,
      bytes,
    };
  };

  /** Cold (a new context) then warm (the same context, its service worker installed). */
  const pair = async (throttled) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'es-PE' });
    try {
      const cold = await load(context, throttled);
      const warm = await load(context, throttled);
      return { cold, warm };
    } finally {
      await context.close();
    }
  };

  await pair(false); // warms the API (its public-read caches) and the machine's file cache
  const baseline = await pair(false);
  const throttled = await pair(true);
  if (!throttled.warm.controlled) throw new Error('the warm load was not served by the service worker');

  const line = (label, { cold, warm }) =>
    console.log(
      `${label}: cold ${cold.heading} ms to the heading (first paint ${cold.paint} ms, ${(cold.bytes / 1024).toFixed(0)} kB over the network); ` +
        `warm ${warm.heading} ms (first paint ${warm.paint} ms, ${(warm.bytes / 1024).toFixed(0)} kB)`,
    );
  console.log(
    `board "${session.title}" (${session.status}), ${proxy ? 'through a gzip proxy (as nginx)' : 'straight from the API (uncompressed)'}; loads ${bundleKb} kB gzip: ${Object.entries(
      bundles,
    )
      .map(([file, kb]) => `${file} ${kb} kB`)
      .join(', ')}`,
  );
  line('unthrottled (baseline)', baseline);
  line('400 kbit/s, 400 ms RTT', throttled);
  writeFigures('first-load', {
    scenario: 'first-load',
    throttling: THROTTLED,
    session: { status: session.status },
    gzipProxy: !!proxy,
    bundles,
    baseline,
    throttled,
    headline: {
      'board bundle (kB gzip)': bundleKb,
      'unthrottled cold: to heading (ms)': baseline.cold.heading,
      'unthrottled warm: to heading (ms)': baseline.warm.heading,
      'throttled cold: to heading (ms)': throttled.cold.heading,
      'throttled cold: first paint (ms)': throttled.cold.paint,
      'throttled warm (service worker): to heading (ms)': throttled.warm.heading,
      'throttled warm (service worker): first paint (ms)': throttled.warm.paint,
      'throttled cold / unthrottled cold': throttled.cold.heading / baseline.cold.heading,
      'throttled warm / throttled cold': throttled.warm.heading / throttled.cold.heading,
    },
  });
} finally {
  await browser?.close().catch(() => undefined);
  proxy?.server.closeAllConnections();
  proxy?.server.close();
  await stopProcess(api?.child);
  await database.drop();
}
