import { loadConfig, type AppConfig } from '#config';
import type { Role } from '#domain';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { CredentialsService } from '../../apps/api/src/credentials/credentials.service.js';
import { UsersService } from '../../apps/api/src/users/users.service.js';
import { DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL, TEST_ENV } from './test-env.js';

export const TEST_PASSWORD = 'contraseña-de-prueba-2026';

export interface TestApi {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  databaseUrl: string;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: process.env[TEST_ENV.pgAdminUrl] ?? DEFAULT_PG_ADMIN_URL,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the real PostgreSQL, migrated, behind the real HTTP stack. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName('asamblea_e2e');
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(process.env[TEST_ENV.pgAdminUrl] ?? DEFAULT_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-e2e-')),
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env[TEST_ENV.redisUrl] ?? DEFAULT_REDIS_URL,
    QUEUE_PREFIX: uniqueName('e2e'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    // No role needs a second factor unless a test says so (SECOND_FACTOR_ROLES: 'moderator').
    SECOND_FACTOR_ROLES: '',
    LOG_LEVEL: 'silent',
    ASAMBLEA_DEMO: 'false',
    // The tests' receivers listen on this machine, which webhooks may not reach otherwise.
    WEBHOOK_ALLOWED_DESTINATIONS: '127.0.0.1',
    ...env,
  });
}

export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, env);
  const api = await createApi(config);
  await api.app.init();
  const server = api.app.getHttpServer();
  return {
    app: api.app,
    config,
    dataSource: api.app.get(DataSource),
    databaseUrl: database.url,
    http: () => request(server),
    close: async () => {
      await api.close();
      await database.drop();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

/** Creates an account directly (as the CLI would) and logs it in through the API. */
export async function userWithRoles(
  api: TestApi,
  roles: Role[],
  extra: { institutionId?: string } = {},
): Promise<TestUser> {
  const email = `${uniqueName('u').toLowerCase()}@prueba.pe`;
  const user = await api.app.get(UsersService).create({
    email,
    displayName: `Prueba ${roles.join('+') || 'sin rol'}`,
    password: TEST_PASSWORD,
    roles,
    ...extra,
  });
  const response = await api
    .http()
    .post('/api/auth/login')
    .send({ email, password: TEST_PASSWORD })
    .expect(200);
  return { id: user.id, email, token: response.body.accessToken, refreshToken: response.body.refreshToken };
}

/** Counts rows of a table: tests prove refused requests changed nothing. */
export async function countRows(api: TestApi, table: string): Promise<number> {
  const rows: { n: string }[] = await api.dataSource.query(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

let documentCounter = 0;

export type SeatedDelegate = TestUser & { delegateId: string };

/** A seated delegate with an account that can log in (as the secretariat would set one up). */
export async function seatDelegate(
  api: TestApi,
  options: { constituencyCode?: string; status?: 'active' | 'suspended' | 'ceased'; fullName?: string } = {},
): Promise<SeatedDelegate> {
  const { DelegatesService } = await import('../../apps/api/src/delegates/delegates.service.js');
  const email = `${uniqueName('del').toLowerCase()}@prueba.pe`;
  documentCounter += 1;
  const delegate = await api.app.get(DelegatesService).create({
    fullName: options.fullName ?? `Delegada ${documentCounter}`,
    documentId: String(70_000_000 + documentCounter),
    constituencyCode: options.constituencyCode ?? '0601',
    termStart: '2026-01-01',
    termEnd: '2099-12-31',
    status: 'active',
    email,
  });
  // As the delegate would (test/credentials.e2e-spec.ts goes through HTTP): the code the secretariat
  // handed over sets their own password.
  await api.app.get(CredentialsService).enrol(delegate.enrolment!.code, TEST_PASSWORD);
  const response = await api
    .http()
    .post('/api/auth/login')
    .send({ email, password: TEST_PASSWORD })
    .expect(200);
  if (options.status && options.status !== 'active') {
    await api.dataSource.query(`UPDATE delegates SET status = $2 WHERE id = $1`, [
      delegate.id,
      options.status,
    ]);
  }
  return {
    id: delegate.userId!,
    email,
    token: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    delegateId: delegate.id,
  };
}

/** A snapshot of the tables a motion touches plus the ledger, to prove a refusal changed nothing. */
export async function motionState(api: TestApi): Promise<string> {
  const parts = await Promise.all(
    [
      'motions',
      'motion_versions',
      'motion_cosponsors',
      'motion_objectives',
      'motion_institutions',
      'ledger_events',
      'motion_number_counters',
    ].map((table) => api.dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`)),
  );
  return JSON.stringify(parts);
}

/**
 * Waits until the relay has marked every outbox row sent. Clients may see an event just before the
 * relay's transaction that marks it commits, so this polls instead of asserting at once.
 */
export async function outboxDrained(api: TestApi, timeoutMs = 5000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }]: { n: number }[] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`,
    );
    if (n === 0 || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
