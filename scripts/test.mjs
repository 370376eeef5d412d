// `npm test`: make sure Chromium is there, build (process-level tests run the built entry points), then
// every jest project, then one plain summary line that any CI log reader understands.
//
// Chromium (the browser tests drive Debian's): missing, it is installed as .ci/run does when this runs
// as root on a machine with apt-get; otherwise the run stops before any test, naming the one command to
// run. ASAMBLEA_NO_INSTALL=1 never installs (it takes the stopping branch, e.g. to check it as root).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(command, args, env = {}) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

const INSTALL = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium';

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  const canInstall =
    process.env.ASAMBLEA_NO_INSTALL !== '1' &&
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (canInstall) {
    process.stdout.write(`npm test: no Chromium at ${chromium}; installing Debian's: ${INSTALL}\n`);
    if (run('sh', ['-c', INSTALL]) === 0 && existsSync(chromium)) return;
  }
  process.stderr.write(
    `npm test: no Chromium at ${chromium} for the browser tests: run \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH to a Chromium binary)\n`,
  );
  process.exit(1);
}

ensureChromium();
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
const report = join(mkdtempSync(join(tmpdir(), 'asamblea-jest-')), 'report.json');
// On 2 cores jest runs every file in one process, and ESM test modules are not freed between files: the
// run's heap passed the default ~4 GiB limit once (2026-12-02, 105 of 108 files, while other runs shared
// the machine) and the run aborted. 8 GiB of this machine's 24 leaves room as files are added.
const status = run('npx', ['jest', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], {
  NODE_OPTIONS: '--experimental-vm-modules --max-old-space-size=8192',
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
