// Plain JavaScript: jest runs global setup outside its module mapping, so this uses the built code
// (`npm test` builds first).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { postgresAnswers } from '../../dist/libs/persistence/src/database/postgres-answers.js';

const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The suite runs the production shape: the machine's PostgreSQL and Redis. Where no PostgreSQL
 * answers (a fresh laptop), an embedded one stands in; Redis must answer (CI starts it).
 */
export default async function globalSetup() {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;
  if (await postgresAnswers(adminUrl)) {
    process.env.ASAMBLEA_TEST_PG_ADMIN_URL = adminUrl;
  } else {
    const { startEmbeddedPostgres } =
      await import('../../dist/libs/persistence/src/database/embedded-postgres.js');
    const dir = mkdtempSync(join(tmpdir(), 'asamblea-test-pg-'));
    const embedded = await startEmbeddedPostgres(dir, {
      info: () => undefined,
      warn: (m) => console.warn(m),
    });
    const url = new URL(embedded.url);
    url.pathname = '/postgres';
    process.env.ASAMBLEA_TEST_PG_ADMIN_URL = url.toString();
    globalThis.__embeddedPg = embedded;
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
    throw new Error(`Redis does not answer at ${redisUrl}: start it (README, "Tests") or set TEST_REDIS_URL`);
  } finally {
    redis.disconnect();
  }
  process.env.ASAMBLEA_TEST_REDIS_URL = redisUrl;

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium))
    throw new Error(
      `No Chromium at ${chromium} for the browser tests: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  if (!existsSync('dist/web/index.html'))
    throw new Error('The web client is not built: npm test builds it first');
}
