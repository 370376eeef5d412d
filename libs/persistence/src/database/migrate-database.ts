import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { dataSourceOptions, MIGRATION_LOCK, runMigrations } from './data-source.js';
import type { DatabaseConnection } from './database-connection.js';
import { setUpRuntimeRoleWith, urlUser, type RuntimeRoleSetup } from './runtime-role.js';

export interface Migrated {
  applied: string[];
  /** Null when one URL does both (DATABASE_URL alone): nothing to set up. */
  runtimeRole: RuntimeRoleSetup | null;
}

const migrationNames = () =>
  MIGRATIONS.map((migration) => new (migration as new () => { name?: string })().name ?? migration.name);

/**
 * The migrate step of every process that boots (API, worker, `npm run migrate`, the CLI, a restore):
 * pending migrations as the owner, then the runtime role's grants (runtime-role.ts). With one URL it
 * migrates through `dataSource` (or a short-lived one) as before. With two, a boot with nothing pending
 * costs one owner connection and two queries: the owner's DataSource is built only when a migration is due.
 */
/** True when migrations connect as another role than the runtime one (which may not exist before them). */
export function ownerIsSeparate(connection: Pick<DatabaseConnection, 'url' | 'ownerUrl'>): boolean {
  return urlUser(connection.ownerUrl) !== urlUser(connection.url);
}

export async function migrateDatabase(
  connection: Pick<DatabaseConnection, 'url' | 'ownerUrl' | 'syncRuntimePassword'>,
  dataSource?: DataSource,
): Promise<Migrated> {
  if (!ownerIsSeparate(connection)) {
    return { applied: await withDataSource(connection.url, dataSource, runMigrations), runtimeRole: null };
  }
  const owner = new pg.Client({
    connectionString: connection.ownerUrl,
    application_name: 'asamblea-migrate',
  });
  await owner.connect();
  try {
    const done = await owner
      .query<{ name: string }>(
        `SELECT name FROM schema_migrations WHERE to_regclass('schema_migrations') IS NOT NULL`,
      )
      .catch(() => ({ rows: [] as { name: string }[] }));
    const executed = new Set(done.rows.map((row) => row.name));
    const applied = migrationNames().every((name) => executed.has(name))
      ? []
      : await withDataSource(connection.ownerUrl, undefined, runMigrations);
    // Under the migrations' lock: API processes booting together would otherwise grant at the same time.
    await owner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const runtimeRole = await setUpRuntimeRoleWith(owner, connection.url, {
        syncPassword: connection.syncRuntimePassword,
      });
      return { applied, runtimeRole };
    } finally {
      await owner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    await owner.end().catch(() => undefined);
  }
}

async function withDataSource<T>(
  url: string,
  given: DataSource | undefined,
  fn: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  if (given) return fn(given);
  const dataSource = new DataSource(dataSourceOptions(url, 'asamblea-migrate'));
  await dataSource.initialize();
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
