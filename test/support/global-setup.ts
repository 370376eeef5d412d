import { startEmbeddedPostgres } from '../../libs/persistence/src/database/embedded-postgres.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL, TEST_ENV } from './test-env.js';

async function pgAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The suite runs the production shape: the machine's PostgreSQL and Redis. Where no PostgreSQL
 * answers (a fresh laptop), an embedded one stands in; Redis must answer (CI starts it).
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;
  if (await pgAnswers(adminUrl)) {
    process.env[TEST_ENV.pgAdminUrl] = adminUrl;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'asamblea-test-pg-'));
    const embedded = await startEmbeddedPostgres(dir, {
      info: () => undefined,
      warn: (m) => console.warn(m),
    });
    const url = new URL(embedded.url);
    url.pathname = '/postgres';
    process.env[TEST_ENV.pgAdminUrl] = url.toString();
    process.env[TEST_ENV.embeddedDir] = dir;
    (globalThis as { __embeddedPg?: typeof embedded }).__embeddedPg = embedded;
    console.warn(`No PostgreSQL at ${adminUrl}: using an embedded one in ${dir}`);
  }

  const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new Error(
      `Redis does not answer at ${redisUrl}: start it (see README, "Tests") or set TEST_REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
  process.env[TEST_ENV.redisUrl] = redisUrl;
}
