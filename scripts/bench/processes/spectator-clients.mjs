// The spectators' side of `npm run bench -- spectators`: many socket.io clients in one process, apart
// from the bench process so that driving ballots over HTTP does not delay their receipts.
// The bench merges the figures of all its client processes.
// Latency is receipt (Date.now()) minus the envelope's `occurredAt`: both wall clocks of this machine.
import { io } from 'socket.io-client';

const sockets = [];
let latencies = [];
let byType = new Map();
let received = [];
let firstOccurred = Infinity;
let lastReceipt = 0;
let recording = false;
let waiter = null;

function onEvent(index, envelope) {
  if (!recording) return;
  const now = Date.now();
  const occurred = Date.parse(envelope.occurredAt);
  latencies.push(now - occurred);
  if (!byType.has(envelope.type)) byType.set(envelope.type, []);
  byType.get(envelope.type).push(now - occurred);
  received[index]++;
  if (occurred < firstOccurred) firstOccurred = occurred;
  lastReceipt = now;
  if (waiter && received[index] === waiter.count && ++waiter.reached === sockets.length) waiter.done();
}

function connectOne(url, index, sessionId) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('session.event', (envelope) => onEvent(index, envelope));
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket
        .timeout(30_000)
        .emitWithAck('session.join', { sessionId })
        .then((ack) => (ack.ok ? resolve(socket) : reject(new Error(JSON.stringify(ack.error)))), reject);
    });
  });
}

// Batches, so that thousands of handshakes and joins never arrive at once.
async function connectAll({ urls, count, sessionId, batch }) {
  const started = performance.now();
  for (let from = 0; from < count; from += batch) {
    const indexes = Array.from({ length: Math.min(batch, count - from) }, (_, k) => from + k);
    sockets.push(...(await Promise.all(indexes.map((i) => connectOne(urls[i % urls.length], i, sessionId)))));
  }
  received = new Array(count).fill(0);
  return { connected: sockets.length, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
}

/** Resolves once every client has `count` events since recording began, or after `timeoutMs`. */
function awaitAll(count, timeoutMs) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiter = null;
      resolve({
        delivered: received.reduce((sum, n) => sum + n, 0),
        expected: count * sockets.length,
        complete: received.filter((n) => n >= count).length,
        firstOccurred,
        lastReceipt,
        latencies,
        byType: Object.fromEntries(byType),
      });
    };
    const timer = setTimeout(done, timeoutMs);
    waiter = { count, reached: received.filter((n) => n >= count).length, done };
    if (waiter.reached === sockets.length) done();
  });
}

process.on('message', async (message) => {
  try {
    if (message.cmd === 'connect') process.send(await connectAll(message));
    else if (message.cmd === 'record') {
      latencies = [];
      byType = new Map();
      received.fill(0);
      firstOccurred = Infinity;
      lastReceipt = 0;
      recording = true;
      process.send({ ok: true });
    } else if (message.cmd === 'await') process.send(await awaitAll(message.count, message.timeoutMs));
    else if (message.cmd === 'close') {
      for (const socket of sockets) socket.disconnect();
      process.send({ ok: true });
      process.exit(0);
    }
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
