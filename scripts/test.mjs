// `npm test`: build (process-level tests run the built entry points), then every jest project, then
// one plain summary line that any CI log reader understands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(command, args, env = {}) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
const report = join(mkdtempSync(join(tmpdir(), 'asamblea-jest-')), 'report.json');
const status = run('npx', ['jest', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], {
  NODE_OPTIONS: '--experimental-vm-modules',
});
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  process.stdout.write(
    `\njest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped\n`,
  );
} catch {
  process.stdout.write('\njest: no report (the run failed before any test)\n');
}
process.exit(status);
