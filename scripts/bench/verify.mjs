// `npm run bench -- verify`: the server's /api/ledger/verify over 50,000 events from genesis, then again
// after 100 more (incremental: it continues from its last verified point after a cheap check that nothing
// it verified changed). Printed beside the raw baseline of the same run: reading those rows in one query.
import pg from 'pg';
import { sealEvent } from '../../dist/libs/domain/src/index.js';
import {
  apiEnv,
  appendAccountEvents,
  createDatabase,
  cpuDuring,
  startApi,
  stopProcess,
  writeFigures,
} from './support.mjs';

const EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 50_000);
const MORE = Number(process.env.BENCH_VERIFY_MORE ?? 100);

const database = await createDatabase('verify');
const db = new pg.Client({ connectionString: database.url });
let api;
try {
  api = await startApi(
    apiEnv({ databaseUrl: database.url, secret: 'bench-verify-secret-0123456789-abcdef' }),
  );
  await db.connect();

  const append = (count) => appendAccountEvents(db, sealEvent, count);

  await append(EVENTS);
  const verify = async () => {
    const started = performance.now();
    const { result, cpu } = await cpuDuring(api.child.pid, async () => {
      const response = await fetch(`${api.url}/api/ledger/verify`);
      return response.json();
    });
    if (!result.ok)
      throw new Error(`verification failed: ${JSON.stringify(result.firstProblem ?? result.firstBroken)}`);
    return {
      ms: performance.now() - started,
      apiCpuMs: cpu.apiMs,
      postgresMs: cpu.postgresMs,
      verdict: result,
    };
  };
  const rawStarted = performance.now();
  await db.query(
    'SELECT sequence, type, subject, payload, payload_hash, previous_hash, hash, actor, occurred_at FROM ledger_events ORDER BY sequence',
  );
  const rawMs = performance.now() - rawStarted;

  const full = await verify();
  await append(MORE);
  const incremental = await verify();
  const ratio = incremental.ms / full.ms;
  console.log(
    `record: ${full.verdict.checked} events, then ${MORE} more (${incremental.verdict.checked} in all)`,
  );
  console.log(`raw baseline: one SELECT of every row: ${rawMs.toFixed(0)} ms`);
  console.log(
    `full verification (from ${full.verdict.verifiedFrom}): ${full.ms.toFixed(0)} ms wall, API CPU ${full.apiCpuMs} ms (${(full.ms / rawMs).toFixed(1)}× the raw read)`,
  );
  console.log(
    `incremental (from ${incremental.verdict.verifiedFrom}, full because: ${incremental.verdict.fullBecause ?? '—'}): ${incremental.ms.toFixed(1)} ms wall, API CPU ${incremental.apiCpuMs} ms`,
  );
  console.log(`ratio incremental/full: ${(ratio * 100).toFixed(2)} % (target < 5 %)`);
  if (incremental.verdict.verifiedFrom === 0) throw new Error('the second verification was not incremental');
  writeFigures('verify', {
    scenario: 'verify',
    events: EVENTS,
    more: MORE,
    rawMs,
    full: { ms: full.ms, apiCpuMs: full.apiCpuMs },
    incremental: { ms: incremental.ms, apiCpuMs: incremental.apiCpuMs },
    headline: {
      'full verification (ms)': full.ms,
      'incremental after 100 (ms)': incremental.ms,
      'ratio incremental/full (%)': ratio * 100,
      'raw SELECT of every row (ms)': rawMs,
      // /proc CPU ticks are 10 ms: the incremental run's API CPU is one tick or none.
      'API CPU full (ms)': full.apiCpuMs,
      'API CPU incremental (ms)': incremental.apiCpuMs,
    },
  });
} finally {
  await db.end().catch(() => undefined);
  await stopProcess(api?.child);
  await database.drop();
}
