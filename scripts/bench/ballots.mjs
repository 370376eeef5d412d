// Ballot burst: N entitled delegates each cast one ballot over HTTP with C in flight, against the raw
// rate of single-row INSERT+COMMIT through `pg` with the same concurrency and pool size, same run.
// The API runs as its own process (dist/apps/api/src/main.js), as in production.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { io } from 'socket.io-client';
import {
  apiCaller,
  apiEnv,
  BENCH_MOTION,
  cpuDuring,
  createDatabase,
  measure,
  openMotionVote,
  openSession,
  seedAssembly,
  startApi,
  stopProcess,
  writeFigures,
} from './support.mjs';

const DELEGATES = Number(process.env.BENCH_DELEGATES ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 100);
const WARM_UP = Math.min(100, DELEGATES);
const POOL = 10; // the API's pool size (libs/persistence data-source.ts)

/** CPU ms per ballot of each side (10 ms ticks: read as ±10 ms over the whole burst). */
const perItem = (cpu) =>
  Object.fromEntries(
    Object.entries(cpu).map(([side, ms]) => [side, ms === null ? null : Number((ms / DELEGATES).toFixed(3))]),
  );

const database = await createDatabase('ballots');
const secret = randomBytes(32).toString('hex');
let api;
const db = new pg.Pool({ connectionString: database.url, max: POOL });
// Dropping the database at the end ends its idle connections: not a failure of the run.
db.on('error', () => undefined);
try {
  api = await startApi(apiEnv({ databaseUrl: database.url, secret }));
  const call = apiCaller(api.url);

  // The assembly: DELEGATES seated delegates with accounts, a moderator, an admitted motion under a vote.
  const assembly = await seedAssembly(db, secret, DELEGATES);
  const { delegates, tokens, moderatorToken } = assembly;
  const sessionId = await openSession(call, db, assembly);
  // The API warms up as the raw baseline does: a first vote with WARM_UP ballots, closed, as a running
  // assembly's API has already taken votes before the one that matters.
  const warmUp = await openMotionVote(call, assembly, sessionId, { ...BENCH_MOTION, title: 'Calentamiento' });
  await measure(WARM_UP, IN_FLIGHT, (i) =>
    call('POST', `/api/votes/${warmUp.id}/ballots`, tokens[i], { choice: 'yes' }),
  );
  await call('POST', `/api/votes/${warmUp.id}/close`, moderatorToken);
  const vote = await openMotionVote(call, assembly, sessionId, BENCH_MOTION, 1);

  // Every delegate's live socket, authenticated at its handshake as the web client's is.
  const sockets = await Promise.all(
    tokens.map(
      (token) =>
        new Promise((resolve, reject) => {
          const socket = io(`${api.url}/live`, {
            auth: { token },
            transports: ['websocket'],
            forceNew: true,
          });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );

  // Raw baseline first (same pool size and concurrency), then the burst, then the baseline again.
  await db.query(
    'CREATE TABLE bench_raw (id bigserial PRIMARY KEY, delegate_id uuid NOT NULL, choice text NOT NULL)',
  );
  const rawTask = (i) =>
    db.query('INSERT INTO bench_raw (delegate_id, choice) VALUES ($1, $2)', [delegates[i].id, 'yes']);
  await measure(100, IN_FLIGHT, rawTask); // warm-up
  const { result: rawBefore, cpu: rawCpu } = await cpuDuring(null, () =>
    measure(DELEGATES, IN_FLIGHT, rawTask),
  );
  const choices = ['yes', 'no', 'abstain', 'yes'];
  const { result: ballots, cpu: httpCpu } = await cpuDuring(api.child.pid, () =>
    measure(DELEGATES, IN_FLIGHT, (i) =>
      call('POST', `/api/votes/${vote.id}/ballots`, tokens[i], {
        choice: choices[i % 4],
        idempotencyKey: `bench-${i}-0001`,
      }),
    ),
  );
  const rawAfter = await measure(DELEGATES, IN_FLIGHT, rawTask);
  const t0 = performance.now();
  const closed = await call('POST', `/api/votes/${vote.id}/close`, moderatorToken);
  const closeMs = Number((performance.now() - t0).toFixed(1));
  if (closed.castCount !== DELEGATES) throw new Error(`counted ${closed.castCount} of ${DELEGATES}`);

  // The same burst over the delegates' sockets, on a second vote (skipped where the API has no such event).
  let overSocket = null;
  let socketCloseMs = null;
  const probe = await sockets[0].timeout(10_000).emitWithAck('ballot.cast', {});
  if (probe.error?.code !== 'UNKNOWN_EVENT') {
    const second = await openMotionVote(
      call,
      assembly,
      sessionId,
      { ...BENCH_MOTION, title: 'Por socket' },
      2,
    );
    const rawSocketBefore = await measure(DELEGATES, IN_FLIGHT, rawTask);
    const { result: socketBallots, cpu: socketCpu } = await cpuDuring(api.child.pid, () =>
      measure(DELEGATES, IN_FLIGHT, async (i) => {
        const answer = await sockets[i].timeout(30_000).emitWithAck('ballot.cast', {
          voteId: second.id,
          choice: choices[i % 4],
          idempotencyKey: `bench-${i}-0002`,
        });
        if (!answer.ok) throw new Error(`ballot.cast: ${JSON.stringify(answer.error)}`);
      }),
    );
    const rawSocketAfter = await measure(DELEGATES, IN_FLIGHT, rawTask);
    const s0 = performance.now();
    const closedSecond = await call('POST', `/api/votes/${second.id}/close`, moderatorToken);
    socketCloseMs = Number((performance.now() - s0).toFixed(1));
    if (closedSecond.castCount !== DELEGATES)
      throw new Error(`counted ${closedSecond.castCount} of ${DELEGATES} socket ballots`);
    const socketRaw =
      rawSocketBefore.perSecond >= rawSocketAfter.perSecond ? rawSocketBefore : rawSocketAfter;
    overSocket = {
      ballots: socketBallots,
      raw: { before: rawSocketBefore, after: rawSocketAfter, best: socketRaw },
      ratio: Number((socketBallots.perSecond / socketRaw.perSecond).toFixed(2)),
      closeMs: socketCloseMs,
      cpuPerBallot: perItem(socketCpu),
    };
  }
  for (const socket of sockets) socket.disconnect();

  const raw = rawBefore.perSecond >= rawAfter.perSecond ? rawBefore : rawAfter;
  const cpuPerBallot = { http: perItem(httpCpu), raw: perItem(rawCpu) };
  const ratio = Number((ballots.perSecond / raw.perSecond).toFixed(2));
  const result = {
    scenario: 'ballot-burst',
    delegates: DELEGATES,
    inFlight: IN_FLIGHT,
    pool: POOL,
    ballots,
    raw: { before: rawBefore, after: rawAfter, best: raw },
    ratio,
    closeMs,
    counted: closed.castCount,
    socket: overSocket,
    cpuPerBallot,
    target: 'ballots/s >= 0.5 x raw',
    headline: {
      'ballots over HTTP (/s)': ballots.perSecond,
      'raw INSERT+COMMIT (/s)': raw.perSecond,
      'ratio HTTP/raw (target >= 0.5)': ratio,
      'ballot p50 (ms)': ballots.p50,
      'ballot p99 (ms)': ballots.p99,
      'close + count + resolution (ms)': closeMs,
      'ballots over the socket (/s)': overSocket?.ballots.perSecond ?? null,
      'ratio socket/raw (target >= 0.5)': overSocket?.ratio ?? null,
      'socket ballot p99 (ms)': overSocket?.ballots.p99 ?? null,
      'CPU per HTTP ballot, API (ms)': cpuPerBallot.http.apiMs,
      'CPU per HTTP ballot, PostgreSQL (ms)': cpuPerBallot.http.postgresMs,
      'CPU per socket ballot, API (ms)': overSocket?.cpuPerBallot.apiMs ?? null,
      'CPU per socket ballot, PostgreSQL (ms)': overSocket?.cpuPerBallot.postgresMs ?? null,
      'CPU per raw insert, PostgreSQL (ms)': cpuPerBallot.raw.postgresMs,
    },
  };
  console.log(`ballot burst: ${DELEGATES} delegates, ${IN_FLIGHT} in flight, pool ${POOL}`);
  console.log(
    `raw INSERT+COMMIT (pg):  ${raw.perSecond}/s  p50 ${raw.p50} ms  p99 ${raw.p99} ms  (before ${rawBefore.perSecond}/s, after ${rawAfter.perSecond}/s)`,
  );
  console.log(
    `ballots over HTTP:       ${ballots.perSecond}/s  p50 ${ballots.p50} ms  p99 ${ballots.p99} ms`,
  );
  console.log(
    `ratio ballots/raw: ${ratio}  (target >= 0.5)   close + count + resolution: ${closeMs} ms, ${closed.castCount} counted`,
  );
  if (overSocket)
    console.log(
      `ballots over the socket: ${overSocket.ballots.perSecond}/s  p50 ${overSocket.ballots.p50} ms  p99 ${overSocket.ballots.p99} ms  vs raw ${overSocket.raw.best.perSecond}/s: ratio ${overSocket.ratio}`,
    );
  else console.log('ballots over the socket: not offered by this API (no ballot.cast event)');
  const cpuLine = (name, c) =>
    `  ${name}: API ${c.apiMs ?? '–'} ms, PostgreSQL ${c.postgresMs} ms, load generator ${c.benchMs} ms`;
  console.log('CPU per ballot (or per raw insert):');
  console.log(cpuLine('raw insert ', cpuPerBallot.raw));
  console.log(cpuLine('HTTP ballot', cpuPerBallot.http));
  if (overSocket) console.log(cpuLine('socket     ', overSocket.cpuPerBallot));
  writeFigures('ballots', result);
} finally {
  await stopProcess(api?.child);
  await db.end();
  await database.drop();
}
