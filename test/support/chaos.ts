import argon2 from 'argon2';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import type { TestApi } from './test-api.js';

/**
 * Fault-injection helpers: private Redis servers, API and worker processes that can be killed, users
 * and delegates written straight into a database with tokens signed by the shared JWT secret (so the
 * tests need no in-process API that would hold connections across an outage).
 */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      server.close(() => resolvePort(port));
    });
  });
}

export async function until<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(100);
  }
}

/** A process of ours whose output is kept for the assertions and for the failure message. */
export interface Child {
  child: ChildProcess;
  pid: number;
  output(): string;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
}

function spawnChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  what: string,
): Promise<Child & { match: RegExpExecArray }> {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const handle: Child = {
    child,
    pid: child.pid!,
    output: () => output,
    alive: () => !exited,
    kill: async (signal) => {
      if (exited) return;
      child.kill(signal);
      await exit;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match && timer) {
        clearTimeout(timer);
        resolve({ ...handle, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited ${code}:\n${output}`));
    });
  });
}

/** The built API (dist/) as its own process; `url` once it listens. */
export async function startApiProcess(env: Record<string, string>): Promise<Child & { url: string }> {
  const started = await spawnChild(
    process.execPath,
    ['dist/apps/api/src/main.js'],
    { PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-chaos-api-')), ...env },
    /listening on (http:\/\/\S+)/,
    'API',
  );
  return { ...started, url: started.match[1]!.replace('[::1]', '127.0.0.1') };
}

/** The built worker as its own process (LOG_LEVEL at least info: it waits for "worker ready"). */
export function startWorkerProcess(env: Record<string, string>): Promise<Child> {
  return spawnChild(
    process.execPath,
    ['dist/apps/worker/src/main.js'],
    { DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-chaos-worker-')), ...env, LOG_LEVEL: 'info' },
    /worker ready/,
    'worker',
  );
}

/** What a process printed that means a crash in the making (Node's own words, and pino's fatal level). */
export function crashSigns(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /unhandled ?rejection|uncaught ?exception|"level":60|FATAL ERROR/i.test(line));
}

/**
 * A private redis-server on a free port: AOF on, fsync on every write (as production keeps its data
 * across restarts, without the one-second window of `everysec` making the test flaky).
 */
export async function startPrivateRedis(): Promise<{
  url: string;
  port: number;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'asamblea-chaos-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: Child | null = null;
  const start = async () => {
    server = await spawnChild(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
      ],
      {},
      /Ready to accept connections/,
      'redis-server',
    );
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await client.connect();
    await client.ping();
    client.disconnect();
  };
  await start();
  return {
    url,
    port,
    kill: async () => {
      await server?.kill('SIGKILL');
      server = null;
    },
    restart: start,
    stop: async () => {
      await server?.kill('SIGKILL');
      server = null;
    },
  };
}

/** A slow loopback webhook receiver: records every request, answers 200 after `delayMs`. */
export async function startSlowReceiver(delayMs: number) {
  const received: { at: number; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ at: Date.now(), headers: req.headers, body });
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An HS256 access token as the API signs it (issuer `asamblea`, typ `access`, its session `sid`). */
export function accessToken(secret: string, userId: string, sid: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: userId,
    typ: 'access',
    sid,
    iat: now,
    exp: now + 3600,
    iss: 'asamblea',
  })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export interface Seeded {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
  delegateId: string;
}

let counter = 0;

/**
 * An API as the e2e helpers in assembly.ts see it, for one that runs in another process: HTTP to its
 * URL, SQL through a small pool of our own.
 */
export function remoteApi(url: string, pool: pg.Pool): TestApi {
  return {
    http: () => request(url),
    dataSource: {
      query: (sql: string, params?: unknown[]) => pool.query(sql, params).then((r) => r.rows),
      // One client in BEGIN…COMMIT, seen as a manager that only queries (what the helpers use).
      async transaction<T>(
        work: (m: { query: (sql: string, params?: unknown[]) => Promise<unknown[]> }) => Promise<T>,
      ) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({
            query: (sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows),
            queryRunner: { isTransactionActive: true },
          } as never);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
    },
  } as unknown as TestApi;
}

/** A user with the given roles (and optionally a password for logging in), straight in SQL. */
export async function seedUser(
  pool: pg.Pool,
  secret: string,
  roles: string[],
  password?: string,
): Promise<Seeded> {
  counter += 1;
  const email = `chaos-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}-${counter}@prueba.pe`;
  const hash = password ? await argon2.hash(password, { type: argon2.argon2id }) : null;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (email, display_name, roles, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, `Prueba ${roles.join('+')}`, roles, hash],
  );
  const id = rows[0]!.id;
  // A session of its own, as a login opens one: access tokens name their session.
  const session = await pool.query<{ family_id: string }>(
    `INSERT INTO refresh_tokens (user_id, family_id, secret_hash, expires_at)
     VALUES ($1, gen_random_uuid(), '\\x00', now() + interval '1 day') RETURNING family_id`,
    [id],
  );
  const sid = session.rows[0]!.family_id;
  return { id, email, token: accessToken(secret, id, sid), refreshToken: '', delegateId: '' };
}

/** Seated delegates with accounts, straight in SQL (as seatDelegatesInBulk does in-process). */
export async function seedDelegates(pool: pg.Pool, secret: string, count: number): Promise<Seeded[]> {
  const seated: Seeded[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = await seedUser(pool, secret, ['delegate']);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO delegates (full_name, document_id, constituency_code, term_start, term_end, user_id)
       VALUES ($1, $2, $3, '2026-01-01', '2099-12-31', $4) RETURNING id`,
      [
        `Delegada de prueba ${counter}`,
        `C${randomBytes(4).toString('hex').toUpperCase()}`,
        ['0601', '0602', '0603', '0604'][i % 4],
        user.id,
      ],
    );
    seated.push({ ...user, delegateId: rows[0]!.id });
  }
  return seated;
}

export const tomorrow = () => new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
