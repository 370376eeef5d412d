import {
  GRANTED_PRIVILEGES,
  grantFor,
  recordProtectionBypass,
  setUpRuntimeRole,
  TABLE_GRANTS,
} from '#persistence';
import pg from 'pg';
import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
  voteYesAndClose,
} from './support/assembly.js';
import { asOwner, databaseWithRuntimeRole, startApiOn } from './support/runtime-role.js';
import { userWithRoles, type TestApi } from './support/test-api.js';

const RECORD_TABLES = Object.entries(TABLE_GRANTS)
  .filter(([, grant]) => grant === 'record')
  .map(([table]) => table);

interface Refusal {
  code?: string;
  message: string;
}

/** The error PostgreSQL answers `sql` with (none: the statement ran, which these tests must never see). */
async function refusal(client: pg.Client, sql: string): Promise<Refusal | null> {
  await client.query('SAVEPOINT attempt');
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  } finally {
    await client.query('ROLLBACK TO SAVEPOINT attempt');
  }
}

/** Refused for want of a privilege, not stopped later by a trigger (which also answers 42501). */
const PERMISSION = { code: '42501', message: expect.stringMatching(/^(permission denied|must be owner)/) };

describe('Least privilege: the API and the worker connect as a runtime role that can only add to the record', () => {
  let database: Awaited<ReturnType<typeof databaseWithRuntimeRole>>;
  let api: TestApi;
  let runtime: pg.Client;
  let worker: RunningWorker | null;

  beforeAll(async () => {
    database = await databaseWithRuntimeRole();
    // The API migrates as the owner, creates the runtime role and grants it, then serves as it.
    api = await startApiOn(database.runtimeUrl, {
      DATABASE_OWNER_URL: database.ownerUrl,
      COSPONSOR_THRESHOLD: '0',
    });
    worker = await startWorker(api.config);
    runtime = new pg.Client({ connectionString: database.runtimeUrl });
    await runtime.connect();
    await runtime.query('BEGIN');
  });
  afterAll(async () => {
    await runtime?.query('ROLLBACK').catch(() => undefined);
    await runtime?.end();
    await worker?.close();
    await api?.close();
    await database?.drop();
  });

  it('every table has a grant decision, and every append-only table is part of the record', async () => {
    const tables = await asOwner(database.ownerUrl, (client) =>
      client.query<{ name: string; append_only: boolean }>(`
        SELECT c.relname AS name, EXISTS (
          SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE t.tgrelid = c.oid AND p.proname = 'ledger_events_append_only') AS append_only
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        ORDER BY 1`),
    );
    expect(tables.rows.length).toBeGreaterThan(40);
    // A new table fails here until runtime-role.ts says what the runtime role may do with it.
    expect(tables.rows.filter((table) => !grantFor(table.name)).map((table) => table.name)).toEqual([]);
    expect(
      tables.rows
        .filter((table) => table.append_only && grantFor(table.name) !== 'record')
        .map((t) => t.name),
    ).toEqual([]);
    expect(RECORD_TABLES).toEqual(
      expect.arrayContaining(['ledger_events', 'ballot_revisions', 'resolutions']),
    );
  });

  it('the runtime role is no superuser, owns nothing, cannot create, and has exactly its grants', async () => {
    const [role] = (
      await runtime.query(
        `SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,
           has_schema_privilege('public', 'CREATE') AS create_in_schema,
           has_database_privilege(current_database(), 'CREATE') AS create_in_database,
           (SELECT count(*)::int FROM pg_class c WHERE pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
         FROM pg_roles WHERE rolname = current_user`,
      )
    ).rows;
    expect(role).toEqual({
      name: database.role,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      rolreplication: false,
      create_in_schema: false,
      create_in_database: false,
      owned: 0,
    });
    const privileges = await runtime.query<{ name: string; privileges: string[] }>(`
      SELECT c.relname AS name, array_remove(ARRAY[
        CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
        CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'INSERT' END,
        CASE WHEN has_table_privilege(c.oid, 'REFERENCES') THEN 'REFERENCES' END,
        CASE WHEN has_table_privilege(c.oid, 'SELECT') THEN 'SELECT' END,
        CASE WHEN has_table_privilege(c.oid, 'TRIGGER') THEN 'TRIGGER' END,
        CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
        CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END], NULL) AS privileges
      FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
    for (const table of privileges.rows) {
      expect({ table: table.name, privileges: table.privileges }).toEqual({
        table: table.name,
        privileges: GRANTED_PRIVILEGES[grantFor(table.name) ?? 'mutable'],
      });
    }
    expect(await recordProtectionBypass(async (sql) => (await runtime.query(sql)).rows)).toBeNull();
  });

  it.each(RECORD_TABLES)(
    '%s: UPDATE, DELETE and TRUNCATE are refused for want of privilege',
    async (table) => {
      const [{ column }] = (
        await runtime.query<{ column: string }>(
          `SELECT attname AS column FROM pg_attribute WHERE attrelid = $1::regclass AND attnum = 1`,
          [table],
        )
      ).rows as [{ column: string }];
      expect(await refusal(runtime, `UPDATE ${table} SET ${column} = ${column}`)).toEqual(PERMISSION);
      expect(await refusal(runtime, `DELETE FROM ${table}`)).toEqual(PERMISSION);
      expect(await refusal(runtime, `TRUNCATE ${table}`)).toEqual(PERMISSION);
      expect(await refusal(runtime, `ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toEqual(PERMISSION);
    },
  );

  it('cannot switch the triggers off, drop, take over or extend the schema', async () => {
    for (const sql of [
      `ALTER TABLE ledger_events DISABLE TRIGGER ALL`,
      `ALTER TABLE ledger_events DISABLE TRIGGER ledger_events_no_update_delete`,
      `DROP TRIGGER ledger_events_no_update_delete ON ledger_events`,
      `CREATE TRIGGER sneak BEFORE INSERT ON ledger_events FOR EACH ROW EXECUTE FUNCTION ledger_events_extend_chain()`,
      `SET session_replication_role = replica`,
      `SET LOCAL session_replication_role = replica`,
      `DROP TABLE ledger_events`,
      `DROP TABLE ledger_events CASCADE`,
      `ALTER TABLE ledger_events OWNER TO "${database.role}"`,
      `ALTER TABLE ledger_events RENAME TO ledger_events_old`,
      `CREATE TABLE ledger_events_copy (LIKE ledger_events)`,
      `CREATE OR REPLACE FUNCTION ledger_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `DROP FUNCTION ledger_events_append_only() CASCADE`,
      `ALTER FUNCTION ledger_events_extend_chain() OWNER TO "${database.role}"`,
      `CREATE SCHEMA elsewhere`,
    ]) {
      expect({ sql, answer: await refusal(runtime, sql) }).toEqual({ sql, answer: PERMISSION });
    }
    // A grant by a role that holds no grant option only warns («no privileges were granted»): nothing changes.
    await runtime.query(`GRANT UPDATE, DELETE, TRUNCATE ON ledger_events TO "${database.role}"`);
    const [after] = (
      await runtime.query(
        `SELECT has_table_privilege('ledger_events', 'UPDATE, DELETE, TRUNCATE') AS rewrites`,
      )
    ).rows;
    expect(after).toEqual({ rewrites: false });
  });

  it('the owner, by contrast, is stopped only by the triggers (which it could disable): the refusals above are privileges', async () => {
    await asOwner(database.ownerUrl, async (owner) => {
      await owner.query('BEGIN');
      const answer = await refusal(owner, `DELETE FROM ledger_events`);
      // No row to delete yet would pass silently: the refusal comes from the row trigger when a row exists.
      expect(answer === null || /append-only/.test(answer.message)).toBe(true);
      expect(await refusal(owner, `ALTER TABLE ledger_events DISABLE TRIGGER ALL`)).toBeNull();
      await owner.query('ROLLBACK');
    });
    expect(
      await recordProtectionBypass(
        async (sql) => (await asOwner(database.ownerUrl, (c) => c.query(sql))).rows,
      ),
    ).toMatch(/superuser|owns/);
  });

  it('the API works through the runtime role: a motion filed, a session opened, a vote closed into a resolution', async () => {
    const [{ user }]: { user: string }[] = await api.dataSource.query(`SELECT current_user AS user`);
    expect(user).toBe(database.role);
    const moderator = await userWithRoles(api, ['moderator']);
    const delegates = await seatDelegatesInBulk(api, 3);
    const sessionId = await openSession(api, moderator, 'Sesión con rol de ejecución');
    const motion = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Moción bajo mínimo privilegio',
    });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, delegates);
    const closed = await voteYesAndClose(api, moderator, sessionId, delegates);
    expect(closed.resolutionNumber).toMatch(/^RES-APR-\d{4}-\d{4,}$/);
    // The worker too: its connections log in as the runtime role.
    const processes = await asOwner(database.ownerUrl, (owner) =>
      owner.query<{ app: string; role: string }>(
        `SELECT DISTINCT application_name AS app, usename AS role FROM pg_stat_activity
         WHERE datname = current_database() AND application_name IN ('asamblea-api', 'asamblea-worker') ORDER BY 1`,
      ),
    );
    expect(processes.rows).toEqual([
      { app: 'asamblea-api', role: database.role },
      { app: 'asamblea-worker', role: database.role },
    ]);
    await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    const verified = await api.http().get('/api/ledger/verify').expect(200);
    expect(verified.body.ok).toBe(true);
    // Rows now exist: the owner is stopped by the trigger, the runtime role before it.
    expect(await refusal(runtime, `DELETE FROM ledger_events`)).toEqual(PERMISSION);
  });

  it('setting the role up again changes nothing (idempotent), and refuses a runtime role that could bypass the record', async () => {
    const again = await setUpRuntimeRole(database.ownerUrl, database.runtimeUrl);
    expect(again).toMatchObject({ role: database.role, created: false, statements: [], unclassified: [] });
    await expect(setUpRuntimeRole(database.ownerUrl, database.ownerUrl)).rejects.toThrow(/is the owner/);
  });
});
