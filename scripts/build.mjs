// The build, part by part, each only when its inputs changed (scripts/build-freshness.mjs decides):
//   api     tsc -p tsconfig.build.json, incremental (dist/.build/api.tsbuildinfo)
//   assets  scripts/copy-assets.mjs (libs/plan-data → dist/libs/plan-data)
//   web     scripts/build-web.mjs (vite, the bundle budget)
//
//   node scripts/build.mjs           `npm run build`: every stale part, at once; fails when one fails
//   node scripts/build.mjs --force   everything from scratch (dist/apps, dist/libs, dist/web removed first)
//   node scripts/build.mjs --start   `npm start`: stale API and assets first; a stale web client builds in
//                                    the background (the API serves a "preparing" page until it lands);
//                                    then the API runs in this process
//   node scripts/build.mjs --status  what is stale and why; builds nothing
//   --quiet                          no "up to date" line
// As npm's postinstall it builds what is stale, and does nothing when the dev dependencies (typescript,
// vite, the type packages) are absent: a production install (`npm ci --omit=dev`) has nothing to build
// with. Without them `npm start` runs the previous build, if there is one, and says so.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, PARTS, removeStamp, writeStamp } from './build-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const postinstall = process.env.npm_lifecycle_event === 'postinstall';
const quiet = flag('--quiet') || postinstall;
const TSBUILDINFO = 'dist/.build/api.tsbuildinfo';
const say = (message) => process.stderr.write(`build: ${message}\n`);
const elapsed = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

// The build needs the dev dependencies: the compilers and the type packages (typescript alone is no sign:
// peer dependencies of production packages bring it into a production install too).
const { devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const missingDev = Object.keys(devDependencies).filter(
  (name) => !existsSync(join(root, 'node_modules', name, 'package.json')),
);
const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (postinstall && missingDev.length) process.exit(0);

const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')));

function run(command, argv, options = {}) {
  return new Promise((resolve) => {
    // The tools' output goes to stderr: `npm run cli` and `npm run verify` keep stdout for their own.
    const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 2, 2] });
    children.add(child);
    if (options.nice) {
      try {
        setPriority(child.pid, 10);
      } catch {
        /* not permitted: same priority */
      }
    }
    child.once('error', (error) => {
      say(`${command}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

// ------------------------------------------------------------------------------------------------------
// One build of a part at a time (npm start in one terminal, npm test in another): a lock directory.
// ------------------------------------------------------------------------------------------------------
const held = new Set();
const lockOf = (part) => join(root, 'dist', '.build', `${part}.lock`);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function lock(part) {
  mkdirSync(join(root, 'dist', '.build'), { recursive: true });
  const dir = lockOf(part);
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      held.add(part);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner = 0;
    let young = false;
    try {
      owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    } catch {
      young = existsSync(dir) && Date.now() - statSync(dir).mtimeMs < 5000; // being created right now
    }
    if (!young && !(owner && alive(owner))) {
      rmSync(dir, { recursive: true, force: true }); // its builder died
      continue;
    }
    if (!waiting) say(`waiting for another build of the ${PARTS[part].label} (pid ${owner || '?'})`);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function unlock(part) {
  if (held.delete(part)) rmSync(lockOf(part), { recursive: true, force: true });
}
process.on('exit', () => [...held].forEach(unlock));

// ------------------------------------------------------------------------------------------------------
// The parts' builders
// ------------------------------------------------------------------------------------------------------
const builders = {
  async api(stale) {
    // tsc leaves the JavaScript of a deleted source behind (a deleted migration would still run).
    for (const path of stale.removed ?? []) {
      if (!/^(apps|libs)\/.*\.ts$/.test(path)) continue;
      const js = join(root, 'dist', path.replace(/\.ts$/, '.js'));
      rmSync(js, { force: true });
      rmSync(`${js}.map`, { force: true });
    }
    // Its build info would say "up to date" about outputs that are gone.
    if (stale.outputsMissing || !stale.stamp) rmSync(join(root, TSBUILDINFO), { force: true });
    return run(process.execPath, [
      tsc,
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      TSBUILDINFO,
    ]);
  },
  assets: () => run(process.execPath, ['scripts/copy-assets.mjs']),
  web: (stale, { background = false } = {}) =>
    run(process.execPath, ['scripts/build-web.mjs', ...(background ? ['--quiet'] : [])], {
      nice: background,
    }),
};

const built = new Set();

/** Builds the part if (still) stale, holding its lock; resolves true when it is fresh afterwards. */
async function buildPart(part, options = {}) {
  await lock(part);
  try {
    const stale = check(root, part);
    if (!stale) return true;
    if (part !== 'assets' && missingDev.length) {
      // Without the dev dependencies (a production install) `npm start` runs what is built, if anything.
      const runnable = options.runStale && !stale.outputsMissing && stale.stamp;
      say(
        `the ${PARTS[part].label} needs rebuilding (${stale.reason}) but the dev dependencies are not ` +
          `installed (${missingDev.slice(0, 3).join(', ')}${missingDev.length > 3 ? ', …' : ''}): ` +
          (runnable ? 'running the previous build' : 'run npm install'),
      );
      return Boolean(runnable);
    }
    const t0 = performance.now();
    say(`${PARTS[part].label}: ${stale.reason}; building${options.background ? ' in the background' : ''}`);
    const code = await builders[part](stale, options);
    if (code !== 0) {
      removeStamp(root, part);
      say(`${PARTS[part].label}: failed (exit ${code})`);
      return false;
    }
    // What the build read: the snapshot taken before it (a file edited meanwhile is stale next time).
    writeStamp(root, part, stale.files);
    built.add(part);
    say(`${PARTS[part].label}: built in ${elapsed(t0)}`);
    return true;
  } finally {
    unlock(part);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  if (!flag('--start')) process.once(signal, () => process.exit(130));
}

const t0 = performance.now();
const parts = Object.keys(PARTS);

if (flag('--status')) {
  for (const part of parts) {
    const stale = check(root, part);
    console.log(`${part}: ${stale ? `stale (${stale.reason})` : 'fresh'}`);
  }
  process.exit(0);
}

if (flag('--part')) {
  const part = args[args.indexOf('--part') + 1];
  if (!PARTS[part]) {
    say(`no part "${part}" (${parts.join(', ')})`);
    process.exit(2);
  }
  process.exit((await buildPart(part, { background: flag('--background') })) ? 0 : 1);
}

if (flag('--force')) {
  if (missingDev.length) {
    say(`--force needs the dev dependencies (${missingDev.slice(0, 3).join(', ')} missing): run npm install`);
    process.exit(1);
  }
  for (const part of parts) removeStamp(root, part);
  rmSync(join(root, TSBUILDINFO), { force: true });
  for (const dir of ['dist/apps', 'dist/libs', 'dist/web'])
    rmSync(join(root, dir), { recursive: true, force: true });
}

if (flag('--start')) {
  // The web client is not needed for /api/health: it builds beside the API, at a lower priority.
  const web = check(root, 'web');
  if (web && missingDev.length)
    say(
      `the ${PARTS.web.label} needs rebuilding (${web.reason}) but the dev dependencies are not installed: ` +
        'serving the previous build, if any',
    );
  else if (web) {
    // Never serve the previous client meanwhile: it may not match the API any more.
    rmSync(join(root, 'dist/web/index.html'), { force: true });
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--part', 'web', '--background'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    try {
      setPriority(child.pid, 10);
    } catch {
      /* same priority */
    }
    child.unref();
    child.once('exit', (code) =>
      say(
        code === 0
          ? 'web client ready: pages are served'
          : 'the web client did not build (see above); the API keeps running: fix it and run npm run build',
      ),
    );
    process.on('exit', () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
  }
  for (const part of ['assets', 'api']) if (!(await buildPart(part, { runStale: true }))) process.exit(1);
  await import(pathToFileURL(join(root, 'dist/apps/api/src/main.js')).href);
} else {
  const results = await Promise.all(parts.map((part) => buildPart(part)));
  if (results.includes(false)) process.exit(1);
  if (!quiet && built.size === 0) say(`up to date (${Math.round(performance.now() - t0)} ms)`);
}
