import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, testConfig, uniqueName, type TestApi } from './test-api.js';

/**
 * A fresh database and, beside it, a runtime role of its own (roles are cluster-wide: a unique name per
 * run, dropped after the database). `ownerUrl` is the suite's admin on that database, as migrations use it.
 */
export async function databaseWithRuntimeRole(): Promise<{
  ownerUrl: string;
  runtimeUrl: string;
  role: string;
  drop(): Promise<void>;
}> {
  const database = await createTestDatabase();
  const role = uniqueName('asamblea_rt').toLowerCase();
  const runtime = new URL(database.url);
  runtime.username = role;
  runtime.password = randomBytes(12).toString('hex');
  return {
    ownerUrl: database.url,
    runtimeUrl: runtime.toString(),
    role,
    drop: async () => {
      await database.drop();
      await asOwner(database.url, (client) => client.query(`DROP ROLE IF EXISTS "${role}"`), 'postgres');
    },
  };
}

/** Runs `fn` on a client of `url` (or of the same server's `database`). */
export async function asOwner<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
  database?: string,
): Promise<T> {
  const target = new URL(url);
  if (database) target.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The API on an existing database: DATABASE_URL is `url`, with the owner for migrations when given. */
export async function startApiOn(url: string, env: Record<string, string> = {}): Promise<TestApi> {
  const config = testConfig(url, env);
  const api = await createApi(config);
  await api.app.init();
  const app: INestApplication = api.app;
  const server = app.getHttpServer();
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    databaseUrl: url,
    http: () => request(server),
    close: () => api.close(),
  };
}
