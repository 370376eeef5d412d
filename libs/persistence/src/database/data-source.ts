import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../migrations/index.js';

/**
 * `statementTimeoutMs`: for serving processes (API, worker), so a statement PostgreSQL cannot finish in
 * time is cancelled and answered as unavailable. Left out by `npm run migrate`, where a migration may
 * rightly take long.
 */
export function dataSourceOptions(
  url: string,
  applicationName = 'asamblea',
  { statementTimeoutMs }: { statementTimeoutMs?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName,
    // A connection (or a free pooled one) not had within 5 s fails the request with a coded 503 instead of
    // letting it hang while PostgreSQL is unreachable.
    extra: {
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    },
  };
}

// Any fixed number works: every process that migrates takes the same session lock first.
export const MIGRATION_LOCK = 7_345_001;

/** Applies pending migrations; several processes starting at once take turns through an advisory lock. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
