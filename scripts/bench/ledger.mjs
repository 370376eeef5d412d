// Public-record append throughput against a raw PostgreSQL baseline measured in the same run.
// Every append takes one global advisory lock (the chain never forks), so this is the ceiling for
// recorded facts per second (ballots included) on this machine.
import { DataSource } from 'typeorm';
import { admin, ADMIN_URL, measure, writeFigures } from './support.mjs';
import {
  appendLedgerEvent,
  dataSourceOptions,
  runMigrations,
  verifyStoredLedger,
} from '../../dist/libs/persistence/src/index.js';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 2000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);

const name = `asamblea_bench_${Date.now()}`;
await admin(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const dataSource = new DataSource({
  ...dataSourceOptions(url.toString(), 'asamblea-bench'),
  extra: { max: 10 },
});
try {
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.query('CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');

  const raw = await measure(TOTAL, IN_FLIGHT, (i) =>
    dataSource.query('INSERT INTO bench_raw (payload) VALUES ($1)', [
      JSON.stringify({ ballot: i, choice: 'yes' }),
    ]),
  );
  const ledger = await measure(TOTAL, IN_FLIGHT, (i) =>
    dataSource.transaction((m) =>
      // A catalogue event (the writer accepts no other), filed under one of 300 subjects.
      appendLedgerEvent(m, {
        type: 'speaker.withdrawn',
        actor: null,
        payload: { sessionId: `bench-${i % 300}`, itemId: 'bench', delegateId: `d-${i}` },
      }),
    ),
  );
  const verdict = await verifyStoredLedger(dataSource);
  const ratio = ledger.perSecond / raw.perSecond;
  console.log(`events: ${TOTAL}, in flight: ${IN_FLIGHT}, pool: 10`);
  console.log(
    `raw single-row INSERT commits: ${raw.perSecond.toFixed(0)}/s  p50 ${raw.p50} ms  p99 ${raw.p99} ms`,
  );
  console.log(
    `ledger appends (hash chain):   ${ledger.perSecond.toFixed(0)}/s  p50 ${ledger.p50} ms  p99 ${ledger.p99} ms`,
  );
  console.log(
    `ratio ledger/raw: ${ratio.toFixed(2)}   chain verifies: ${verdict.ok} (${verdict.checked} events)`,
  );
  if (!verdict.ok) throw new Error('the chain does not verify');
  writeFigures('ledger', {
    scenario: 'ledger',
    events: TOTAL,
    inFlight: IN_FLIGHT,
    raw,
    ledger,
    ratio,
    headline: {
      'ledger appends (/s)': ledger.perSecond,
      'raw INSERT commits (/s)': raw.perSecond,
      'ratio ledger/raw': Number(ratio.toFixed(2)),
      'append p99 (ms)': ledger.p99,
    },
  });
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
