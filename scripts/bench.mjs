// `npm run bench -- <name>`: benchmarks print figures as ratios against a raw baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const name = process.argv[2] ?? 'ledger';
const file = new URL(`./bench/${name}.mjs`, import.meta.url);
if (!existsSync(file)) {
  console.error(`No benchmark "${name}" (scripts/bench/${name}.mjs)`);
  process.exit(2);
}
process.exit(spawnSync(process.execPath, [file.pathname], { stdio: 'inherit' }).status ?? 1);
