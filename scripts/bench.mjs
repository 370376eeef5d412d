// `npm run bench -- <name>`: runs scripts/bench/<name>.mjs three times (BENCH_RUNS) and prints, for each of
// its headline figures, the median and the spread (lowest–highest) over the runs, with the commit and the
// machine's load average at the start: one quiet run can mislead, three show the noise. Every figure is a
// ratio against a raw baseline measured in the same run, or is printed beside one.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const name = process.argv[2] ?? 'ledger';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const file = new URL(`./bench/${name}.mjs`, import.meta.url);
if (!existsSync(file)) {
  console.error(`No benchmark "${name}" (scripts/bench/${name}.mjs)`);
  process.exit(2);
}
const git = (command) => {
  try {
    return execSync(`git ${command}`, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
};
const commit = `${git('rev-parse --short HEAD') || 'unknown'}${git('status --porcelain --untracked-files=no') ? '+changes' : ''}`;
const load = loadavg().map((l) => Number(l.toFixed(2)));
const machine = `${cpus().length} cores, node ${process.version}`;
console.log(
  `bench ${name}: ${runs} run(s) at ${commit}; ${machine}; load average at start ${load.join(' ')}`,
);

const results = [];
for (let run = 1; run <= runs; run++) {
  console.log(`\n── run ${run} of ${runs} (load ${loadavg()[0].toFixed(2)})`);
  const status = spawnSync(process.execPath, [file.pathname], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_RUN: String(run) },
  }).status;
  if (status !== 0) process.exit(status ?? 1);
  const figures = JSON.parse(readFileSync(`bench-results/${name}.json`, 'utf8'));
  results.push(figures);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (n) => (Math.abs(n) >= 100 ? Math.round(n) : Number(n.toPrecision(3)));
const labels = Object.keys(results[0].headline ?? {});
const summary = Object.fromEntries(
  labels.map((label) => {
    const values = results.map((r) => r.headline[label]).filter((v) => typeof v === 'number');
    if (values.length === 0) return [label, null];
    return [
      label,
      {
        median: round(median(values)),
        low: round(Math.min(...values)),
        high: round(Math.max(...values)),
        values,
      },
    ];
  }),
);
console.log(
  `\n${name}: median (lowest–highest) of ${runs} run(s) at ${commit}, load average at start ${load[0]}`,
);
const width = Math.max(...labels.map((l) => l.length));
for (const [label, s] of Object.entries(summary))
  if (!s) console.log(`  ${label.padEnd(width)}  ${'n/a'.padStart(8)}`);
  else console.log(`  ${label.padEnd(width)}  ${String(s.median).padStart(8)}  (${s.low}–${s.high})`);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  `bench-results/${name}-summary.json`,
  `${JSON.stringify({ scenario: name, commit, machine, loadAverageAtStart: load, runs: results.length, summary, results }, null, 2)}\n`,
);
console.log(`summary: bench-results/${name}-summary.json`);
