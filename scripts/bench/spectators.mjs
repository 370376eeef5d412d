// Spectators: N socket.io clients joined to one session's room on `/live` while 500 delegates cast
// their ballots over HTTP (100 in flight) and the vote closes. The same run then replays the very
// envelopes the API sent (same count, same sizes, same spacing) from a bare socket.io server to the
// same number of clients, so the ratio shows what the API's path (outbox, relay, Nest) costs.
// With BENCH_PROCESSES=2 (or `npm run bench -- spectators-two`) two API processes share rooms through
// the Redis adapter, half the clients on each and the ballots through the first; the baseline is a
// pair of bare servers with @socket.io/redis-adapter. BENCH_CLIENT_PROCESSES=2 splits the clients over
// two processes when one cannot parse the fan-out fast enough.
// Latency runs from the envelope's `occurredAt` to receipt. For the API that is the outbox row's
// `created_at` (PostgreSQL now(): the start of the transaction that committed the event, so it
// includes the rest of that transaction and the relay's pick-up); for the bare server, its emit time.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  apiCaller,
  apiEnv,
  BENCH_MOTION,
  createDatabase,
  forkHelper,
  measure,
  percentile,
  openMotionVote,
  openSession,
  REDIS_URL,
  residentKb,
  seedAssembly,
  startApi,
  stopProcess,
  writeFigures,
} from './support.mjs';

const SPECTATORS = Number(process.env.BENCH_SPECTATORS ?? 5000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const DELEGATES = Number(process.env.BENCH_DELEGATES ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 100);
const BATCH = Number(process.env.BENCH_CONNECT_BATCH ?? 250);
// Clients run apart from the bench; more than one process when a single one cannot parse fast enough.
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 1);
const DELIVERY_TIMEOUT_MS = 120_000;
const label = { 1: 'spectators', 2: 'spectators-two' }[PROCESSES] ?? `spectators-${PROCESSES}`;

/** Percentiles, rate and completeness over the answers of all client processes. */
function merge(parts, seconds) {
  const sorted = (values) => values.sort((a, b) => a - b);
  const latencies = sorted(parts.flatMap((p) => p.latencies));
  const delivered = parts.reduce((sum, p) => sum + p.delivered, 0);
  const window =
    (Math.max(...parts.map((p) => p.lastReceipt)) - Math.min(...parts.map((p) => p.firstOccurred))) / 1000;
  const types = [...new Set(parts.flatMap((p) => Object.keys(p.byType)))];
  return {
    delivered,
    expected: parts.reduce((sum, p) => sum + p.expected, 0),
    complete: parts.reduce((sum, p) => sum + p.complete, 0),
    seconds: Number(window.toFixed(3)),
    perSecond: Number((delivered / window).toFixed(0)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? null,
    connectSeconds: seconds,
    byType: Object.fromEntries(
      types.map((type) => {
        const values = sorted(parts.flatMap((p) => p.byType[type] ?? []));
        return [
          type,
          { deliveries: values.length, p50: percentile(values, 50), p99: percentile(values, 99) },
        ];
      }),
    ),
  };
}

/**
 * Connects the clients (in CLIENT_PROCESSES processes of their own), reads the servers' memory before
 * and after, then records deliveries while `during()` makes the servers emit; `during` returns how
 * many events each client should receive.
 */
async function watch({ urls, pids, sessionId, during }) {
  const before = pids.map(residentKb);
  const clients = Array.from({ length: CLIENT_PROCESSES }, () => forkHelper('spectator-clients'));
  const all = (message) => Promise.all(clients.map((c) => c.request(message)));
  try {
    await Promise.all(clients.map((c) => c.ready));
    const started = performance.now();
    await Promise.all(
      clients.map((c, k) =>
        c.request({
          cmd: 'connect',
          urls,
          count: Math.floor(SPECTATORS / CLIENT_PROCESSES) + (k < SPECTATORS % CLIENT_PROCESSES ? 1 : 0),
          sessionId,
          batch: Math.ceil(BATCH / CLIENT_PROCESSES),
        }),
      ),
    );
    const connectSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
    await sleep(2000); // let the join handshakes' garbage settle before reading memory
    const after = pids.map(residentKb);
    await all({ cmd: 'record' });
    const driven = await during();
    const delivery = merge(
      await all({ cmd: 'await', count: driven.events, timeoutMs: DELIVERY_TIMEOUT_MS }),
      connectSeconds,
    );
    await all({ cmd: 'close' });
    const grownKb = after.reduce((sum, kb, i) => sum + kb - before[i], 0);
    return {
      ...driven,
      memory: { beforeKb: before, afterKb: after, perClientKb: Number((grownKb / SPECTATORS).toFixed(1)) },
      delivery,
    };
  } finally {
    for (const c of clients) await stopProcess(c.child);
  }
}

/** The window's events as the relay sent them, once it has sent them all. */
async function sentEvents(db, sessionId, afterSequence) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    const { rows } = await db.query(
      `SELECT sequence, type, data, created_at, sent_at FROM outbox
       WHERE session_id = $1 AND sequence > $2 ORDER BY sequence`,
      [sessionId, afterSequence],
    );
    if (rows.every((row) => row.sent_at !== null)) return rows;
  }
  throw new Error('the relay did not send the window’s events within 30 s');
}

const database = await createDatabase(label.replaceAll('-', '_'));
const secret = randomBytes(32).toString('hex');
const shared = PROCESSES > 1 ? { REDIS_URL, QUEUE_PREFIX: `bench${Date.now()}` } : {};
const db = new pg.Pool({ connectionString: database.url, max: 4 });
// Dropping the database at the end ends its idle connections: not a failure of the run.
db.on('error', () => undefined);
const apis = [];
const bare = [];
try {
  // One after the other: each process migrates at boot.
  for (let p = 0; p < PROCESSES; p++)
    apis.push(await startApi(apiEnv({ databaseUrl: database.url, secret, ...shared })));
  const call = apiCaller(apis[0].url);
  const assembly = await seedAssembly(db, secret, DELEGATES);
  const sessionId = await openSession(call, db, assembly);
  const vote = await openMotionVote(call, assembly, sessionId, BENCH_MOTION);

  let schedule = [];
  const api = await watch({
    urls: apis.map((a) => a.url),
    pids: apis.map((a) => a.child.pid),
    sessionId,
    during: async () => {
      const {
        rows: [{ live_sequence: mark }],
      } = await db.query('SELECT live_sequence FROM sessions WHERE id = $1', [sessionId]);
      const choices = ['yes', 'no', 'abstain', 'yes'];
      const ballots = await measure(DELEGATES, IN_FLIGHT, (i) =>
        call('POST', `/api/votes/${vote.id}/ballots`, assembly.tokens[i], {
          choice: choices[i % 4],
          idempotencyKey: `bench-${i}-0001`,
        }),
      );
      const closed = await call('POST', `/api/votes/${vote.id}/close`, assembly.moderatorToken);
      if (closed.castCount !== DELEGATES) throw new Error(`counted ${closed.castCount} of ${DELEGATES}`);
      const rows = await sentEvents(db, sessionId, mark);
      const start = rows[0].created_at.getTime();
      schedule = rows.map((row) => ({
        offsetMs: row.created_at.getTime() - start,
        envelope: {
          sessionId,
          sequence: Number(row.sequence),
          type: row.type,
          data: row.data,
          occurredAt: row.created_at.toISOString(),
        },
      }));
      return { events: rows.length, ballots };
    },
  });
  for (const a of apis.splice(0)) await stopProcess(a.child);

  const key = `bench${Date.now()}:socket.io`;
  for (let p = 0; p < PROCESSES; p++) {
    bare.push(forkHelper('bare-live', PROCESSES > 1 ? { BARE_REDIS_KEY: key } : {}));
    bare[p].url = (await bare[p].ready).url;
  }
  const baseline = await watch({
    urls: bare.map((b) => b.url),
    pids: bare.map((b) => b.child.pid),
    sessionId,
    during: async () => {
      await bare[0].request({ cmd: 'replay', events: schedule });
      return { events: schedule.length };
    },
  });

  const sizes = schedule.map((e) => Buffer.byteLength(JSON.stringify(e.envelope)));
  const ratio = Number((api.delivery.perSecond / baseline.delivery.perSecond).toFixed(2));
  const result = {
    scenario: label,
    spectators: SPECTATORS,
    clientProcesses: CLIENT_PROCESSES,
    processes: PROCESSES,
    delegates: DELEGATES,
    inFlight: IN_FLIGHT,
    events: schedule.map((e, i) => ({ type: e.envelope.type, offsetMs: e.offsetMs, bytes: sizes[i] })),
    api,
    bare: baseline,
    ratio,
    clock:
      'occurredAt (API: outbox created_at = start of the committing transaction; bare: emit time) to receipt',
    targets: { deliveriesRatio: '>= 0.9', p99: '<= 1.2 x bare', memoryPerClient: '<= 2 x bare' },
  };
  const closing = ['vote.closed', 'agenda.current_changed', 'resolution.issued'];
  result.headline = {
    'deliveries/s API': api.delivery.perSecond,
    'deliveries/s bare': baseline.delivery.perSecond,
    'ratio deliveries API/bare (target >= 0.9)': ratio,
    'p99 API (ms)': api.delivery.p99,
    'p99 bare (ms)': baseline.delivery.p99,
    'p99 ratio API/bare (target <= 1.2)': Number((api.delivery.p99 / baseline.delivery.p99).toFixed(2)),
    ...Object.fromEntries(
      closing.flatMap((type) => [
        [`${type} p99 API (ms)`, api.delivery.byType[type]?.p99 ?? null],
        [`${type} p99 bare (ms)`, baseline.delivery.byType[type]?.p99 ?? null],
      ]),
    ),
    'memory per client API (KiB)': api.memory.perClientKb,
    'memory per client bare (KiB)': baseline.memory.perClientKb,
    'delivered API (of expected)': api.delivery.delivered / api.delivery.expected,
  };
  const line = (name, run) =>
    `${name} ${String(run.delivery.perSecond).padStart(7)} deliveries/s  p50 ${run.delivery.p50} ms  p99 ${run.delivery.p99} ms  max ${run.delivery.max} ms  ` +
    `(${run.delivery.delivered} of ${run.delivery.expected} in ${run.delivery.seconds} s)  ` +
    `memory ${run.memory.perClientKb} KiB/client  connect+join ${run.delivery.connectSeconds} s`;
  console.log(
    `${label}: ${SPECTATORS} clients on ${PROCESSES} process(es)${PROCESSES > 1 ? ' (Redis adapter)' : ''}, ` +
      `${DELEGATES} ballots (${IN_FLIGHT} in flight) then the close; clients in ${CLIENT_PROCESSES} process(es)`,
  );
  console.log(
    `window: ${schedule.length} events over ${schedule.at(-1).offsetMs} ms, ` +
      `${sizes.reduce((a, b) => a + b, 0)} bytes (largest ${Math.max(...sizes)}: ${schedule[sizes.indexOf(Math.max(...sizes))].envelope.type})`,
  );
  console.log(line('bare socket.io:', baseline));
  console.log(line('Asamblea API:  ', api));
  for (const [name, run] of [
    ['bare', baseline],
    ['API ', api],
  ])
    console.log(
      `  ${name} p50/p99 by type: ${Object.entries(run.delivery.byType)
        .map(([type, t]) => `${type} ${t.p50}/${t.p99}`)
        .join(', ')} ms`,
    );
  console.log(
    `ballots during the window: ${api.ballots.perSecond}/s  p50 ${api.ballots.p50} ms  p99 ${api.ballots.p99} ms`,
  );
  console.log(
    `ratio deliveries API/bare: ${ratio} (target >= 0.9)   p99 API/bare ${result.headline['p99 ratio API/bare (target <= 1.2)']} (target <= 1.2)   memory API/bare ${(api.memory.perClientKb / baseline.memory.perClientKb).toFixed(2)} (target <= 2)`,
  );
  writeFigures(label, result);
} finally {
  for (const a of apis) await stopProcess(a.child);
  for (const b of bare) await stopProcess(b.child);
  await db.end();
  await database.drop();
}
