// `npm run bench -- start`: what a newcomer waits for. In a fresh clone: `npm install`, then `npm start`
// until /api/health answers 200 (the first start initialises the embedded PostgreSQL, migrates and seeds
// the demo), Ctrl-C, then `npm start` again (the restart, data present).
//
// It measures the repository's committed HEAD (a `git clone` of the repository this script runs in).
// BENCH_START_REPO=<directory or URL> clones that instead; BENCH_START_WORKTREE=1 copies this working
// tree's files (`git ls-files -co --exclude-standard`: committed, changed and new, not ignored) so that
// uncommitted work can be measured. node_modules is never copied: `npm install` is the real one (the npm
// cache makes it quick). Everything it starts is stopped and the clone removed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFigures } from './support.mjs';

const HEALTH_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000);
const here = dirname(new URL(import.meta.url).pathname);
const repository = spawnSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: here,
  encoding: 'utf8',
}).stdout.trim();

// npm run passes its own settings to children as npm_* variables (npm_config_local_prefix among them):
// an `npm install` in the clone must not inherit them, nor the caller's database or secrets.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !key.startsWith('npm_') &&
      ![
        'INIT_CWD',
        'DATABASE_URL',
        'REDIS_URL',
        'DATA_DIR',
        'JWT_SECRET',
        'SECRETS_KEY',
        'NODE_ENV',
        'PORT',
      ].includes(key),
  ),
);
env.NPM_CONFIG_UPDATE_NOTIFIER = 'false';

const seconds = (ms) => Number((ms / 1000).toFixed(2));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function prepareClone(dir) {
  if (process.env.BENCH_START_WORKTREE === '1') {
    const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
      cwd: repository,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .stdout.split('\0')
      .filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(repository, file))) continue; // deleted in the working tree
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(repository, file), join(dir, file));
    }
    return `working tree of ${repository} (${files.length} files)`;
  }
  const source = process.env.BENCH_START_REPO ?? repository;
  const cloned = spawnSync('git', ['clone', '-q', source, dir], { stdio: 'inherit' });
  if (cloned.status !== 0) throw new Error(`git clone ${source} failed`);
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  return `${source} at ${head.stdout.trim()}`;
}

/** Runs a command to completion in the clone; its output goes to a log, shown when it fails. */
function timed(label, command, args, cwd, log) {
  const t0 = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  writeFileSync(log, `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
    throw new Error(`${label} failed (exit ${result.status})`);
  }
  return ms;
}

async function healthy(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
      signal: AbortSignal.timeout(1000),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

const running = new Set();

async function rawNodeServer(port) {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['-e', `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`],
    { detached: true, stdio: 'ignore' },
  );
  running.add(child);
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      /* not yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = performance.now() - t0;
  await stopGroup(child);
  return ms;
}

/** `npm start` in its own process group (npm runs node as its child), timed to /api/health 200. */
async function startAndWait(cwd, port, log) {
  const t0 = performance.now();
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const record = (chunk) => {
    const stamp = `${Math.round(performance.now() - t0)} ms: `;
    output += chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => stamp + line)
      .join('\n');
    output += '\n';
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!(await healthy(port))) {
    if (exited || performance.now() - t0 > HEALTH_TIMEOUT_MS) {
      writeFileSync(log, output);
      process.stderr.write(output);
      throw new Error(exited ? 'npm start exited before /api/health answered' : 'no /api/health 200 in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = performance.now() - t0;
  return { child, ms, output: () => output, finish: () => writeFileSync(log, output) };
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Ctrl-C to the whole group, as a terminal does, then waits until every process of it has exited (npm
 * exits before the API has drained); SIGKILL to the group after 20 s. True when it ended on its own.
 */
async function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    /* already gone */
  }
  const deadline = performance.now() + 20_000;
  while (groupAlive(child.pid) && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const clean = !groupAlive(child.pid);
  if (!clean) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  if (child.exitCode === null && child.signalCode === null)
    await new Promise((resolve) => child.once('exit', resolve));
  running.delete(child);
  return clean;
}

/** The embedded PostgreSQL of the clone, should an interrupted run have left it behind. */
function stopLeftoverPostgres(dir) {
  const pidFile = join(dir, '.data', 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  try {
    process.kill(pid, 'SIGINT');
    console.log(`  stopped the clone's embedded PostgreSQL left running (pid ${pid})`);
  } catch {
    /* not running */
  }
}

const dir = mkdtempSync(join(tmpdir(), 'asamblea-bench-start-'));
const logs = mkdtempSync(join(tmpdir(), 'asamblea-bench-start-logs-'));
let result;
try {
  const source = prepareClone(dir);
  console.log(`start: ${source} in ${dir}`);
  const installMs = timed(
    'npm install',
    'npm',
    ['install', '--no-audit', '--no-fund'],
    dir,
    join(logs, 'install.log'),
  );
  console.log(`  fresh install: npm install ${seconds(installMs)} s`);
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
  if (dirty) console.log(`  (npm install changed tracked files: ${dirty.replace(/\s+/g, ' ')})`);

  const port = await freePort();
  const first = await startAndWait(dir, port, join(logs, 'first-start.log'));
  console.log(`  first start: npm start to /api/health 200 ${seconds(first.ms)} s`);
  const firstClean = await stopGroup(first.child);
  first.finish();

  const again = await startAndWait(dir, port, join(logs, 'restart.log'));
  console.log(`  restart: npm start to /api/health 200 ${seconds(again.ms)} s`);
  const againClean = await stopGroup(again.child);
  again.finish();
  if (!firstClean || !againClean) console.log('  (a start did not exit within 20 s of SIGINT: killed)');
  // Nothing changed since `npm install` built: a start that builds anything is a finding in itself.
  const rebuilt = [first, again].flatMap((start) =>
    start
      .output()
      .split('\n')
      .filter((line) => /build: .*; building/.test(line)),
  );
  for (const line of rebuilt) console.log(`  (rebuilt at start: ${line})`);

  // The floors, measured now on the same machine: a bare Node HTTP server from spawn to its first 200,
  // and npm's own start (what `npm start` costs before any of the project's code runs).
  const rawServerMs = await rawNodeServer(port);
  const npmMs = timed('npm --version', 'npm', ['--version'], dir, join(logs, 'npm-version.log'));
  console.log(
    `  baseline: bare node HTTP server, spawn to 200 ${seconds(rawServerMs)} s; npm --version ${seconds(npmMs)} s`,
  );

  result = {
    scenario: 'start',
    source,
    at: new Date().toISOString(),
    node: process.version,
    freshInstallSeconds: seconds(installMs),
    firstStartSeconds: seconds(first.ms),
    restartSeconds: seconds(again.ms),
    cleanExits: firstClean && againClean,
    rebuiltAtStart: rebuilt,
    baseline: { rawNodeServerSeconds: seconds(rawServerMs), npmVersionSeconds: seconds(npmMs) },
    restartOutput: again.output().split('\n').filter(Boolean).slice(0, 40),
    headline: {
      'fresh install: npm install (s)': seconds(installMs),
      'first start: npm start to /api/health 200 (s)': seconds(first.ms),
      'restart: npm start to /api/health 200 (s)': seconds(again.ms),
    },
  };
} finally {
  for (const child of running) await stopGroup(child);
  stopLeftoverPostgres(dir);
  rmSync(dir, { recursive: true, force: true });
  if (!process.env.BENCH_START_KEEP_LOGS) rmSync(logs, { recursive: true, force: true });
  else console.log(`  logs: ${logs}`);
}
writeFigures('start', result);
