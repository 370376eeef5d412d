// Ballot burst: N entitled delegates each cast one ballot over HTTP with C in flight, against the raw
// rate of single-row INSERT+COMMIT through `pg` with the same concurrency and pool size, same run.
// The API runs as its own process (dist/apps/api/src/main.js), as in production.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  apiCaller,
  apiEnv,
  BENCH_MOTION,
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
const POOL = 10; // the API's pool size (libs/persistence data-source.ts)

const database = await createDatabase('ballots');
const secret = randomBytes(32).toString('hex');
let api;
const db = new pg.Pool({ connectionString: database.url, max: POOL });
try {
  api = await startApi(apiEnv({ databaseUrl: database.url, secret }));
  const call = apiCaller(api.url);

  // The assembly: DELEGATES seated delegates with accounts, a moderator, an admitted motion under a vote.
  const assembly = await seedAssembly(db, secret, DELEGATES);
  const { delegates, tokens, moderatorToken } = assembly;
  const sessionId = await openSession(call, db, assembly);
  const vote = await openMotionVote(call, assembly, sessionId, BENCH_MOTION);

  // Raw baseline first (same pool size and concurrency), then the burst, then the baseline again.
  await db.query(
    'CREATE TABLE bench_raw (id bigserial PRIMARY KEY, delegate_id uuid NOT NULL, choice text NOT NULL)',
  );
  const rawTask = (i) =>
    db.query('INSERT INTO bench_raw (delegate_id, choice) VALUES ($1, $2)', [delegates[i].id, 'yes']);
  await measure(100, IN_FLIGHT, rawTask); // warm-up
  const rawBefore = await measure(DELEGATES, IN_FLIGHT, rawTask);
  const choices = ['yes', 'no', 'abstain', 'yes'];
  const ballots = await measure(DELEGATES, IN_FLIGHT, (i) =>
    call('POST', `/api/votes/${vote.id}/ballots`, tokens[i], {
      choice: choices[i % 4],
      idempotencyKey: `bench-${i}-0001`,
    }),
  );
  const rawAfter = await measure(DELEGATES, IN_FLIGHT, rawTask);
  const t0 = performance.now();
  const closed = await call('POST', `/api/votes/${vote.id}/close`, moderatorToken);
  const closeMs = Number((performance.now() - t0).toFixed(1));
  if (closed.castCount !== DELEGATES) throw new Error(`counted ${closed.castCount} of ${DELEGATES}`);

  const raw = rawBefore.perSecond >= rawAfter.perSecond ? rawBefore : rawAfter;
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
    target: 'ballots/s >= 0.5 x raw',
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
  writeFigures('ballots', result);
} finally {
  await stopProcess(api?.child);
  await db.end();
  await database.drop();
}
