import { dataSourceOptions, runMigrations } from '#persistence';
import { MIGRATIONS } from '../libs/persistence/src/migrations/index.js';
import { DataSource } from 'typeorm';
import { createTestDatabase } from './support/test-api.js';

/** The database itself refuses what the services refuse, so a bug above it cannot store a bad row. */
describe('Schema: migrations and database-level invariants', () => {
  let database: { url: string; drop(): Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(database.url));
    await ds.initialize();
    await runMigrations(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await database.drop();
  });

  const state = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      return 'ok';
    } catch (error) {
      return (error as { driverError?: { code?: string } }).driverError?.code ?? String(error);
    }
  };
  const sqlState = (sql: string) => state(() => ds.query(sql));

  it('is idempotent and reverts cleanly', async () => {
    expect(await runMigrations(ds)).toEqual([]);
    for (let i = 0; i < MIGRATIONS.length; i += 1) await ds.undoLastMigration();
    const tables: { n: string }[] = await ds.query(
      `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    expect(tables[0]!.n).toBe('0');
    expect(await runMigrations(ds)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('seeds the 13 provinces and the initial institutions', async () => {
    expect(await ds.query(`SELECT count(*)::int AS n FROM constituencies`)).toEqual([{ n: 13 }]);
    expect((await ds.query(`SELECT code FROM institutions WHERE code = 'DIRESA'`)).length).toBe(1);
  });

  it('refuses bad accounts: upper-case or duplicate email, unknown role, liaison without institution', async () => {
    expect(
      await sqlState(`INSERT INTO users (email, display_name, roles) VALUES ('a@b.pe', 'A', '{delegate}')`),
    ).toBe('ok');
    expect(await sqlState(`INSERT INTO users (email, display_name) VALUES ('a@b.pe', 'Dup')`)).toBe('23505');
    expect(await sqlState(`INSERT INTO users (email, display_name) VALUES ('Upper@b.pe', 'U')`)).toBe(
      '23514',
    );
    expect(
      await sqlState(`INSERT INTO users (email, display_name, roles) VALUES ('k@b.pe', 'K', '{king}')`),
    ).toBe('23514');
    expect(
      await sqlState(`INSERT INTO users (email, display_name, roles) VALUES ('l@b.pe', 'L', '{liaison}')`),
    ).toBe('23514');
  });

  it('refuses bad delegates: reversed term, unknown province, duplicate document, two alternates, alternate chains', async () => {
    const insert = (
      doc: string,
      extra: { alternateOf?: string; province?: string; start?: string; end?: string } = {},
    ) =>
      ds.query(
        `INSERT INTO delegates (full_name, document_id, constituency_code, term_start, term_end, alternate_of_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          `Persona ${doc}`,
          doc,
          extra.province ?? '0601',
          extra.start ?? '2026-01-01',
          extra.end ?? '2028-12-31',
          extra.alternateOf ?? null,
        ],
      );
    const [titular] = await insert('50000001');
    const [alternate] = await insert('50000002', { alternateOf: titular.id });
    expect(await state(() => insert('50000003', { start: '2028-01-01', end: '2027-01-01' }))).toBe('23514');
    expect(await state(() => insert('50000004', { province: '0699' }))).toBe('23503');
    expect(await state(() => insert('50000001'))).toBe('23505');
    expect(await state(() => insert('50000005', { alternateOf: titular.id }))).toBe('23505');
    expect(await state(() => insert('50000006', { alternateOf: alternate.id }))).toBe('23514');
    expect(
      await state(() =>
        ds.query(`UPDATE delegates SET alternate_of_id = $1 WHERE id = $2`, [alternate.id, titular.id]),
      ),
    ).toBe('23514');
    expect(
      await state(() => ds.query(`UPDATE delegates SET status = 'retired' WHERE id = $1`, [titular.id])),
    ).toBe('23514');
  });
});
