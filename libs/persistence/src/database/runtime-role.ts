import pg from 'pg';

/**
 * What the API and the worker may do with each table when they connect as the runtime role (least
 * privilege): `record` tables are the public record and its append-only companions (their triggers refuse
 * UPDATE, DELETE and TRUNCATE, and only their owner could disable those triggers), so the runtime role may
 * only add and read rows; `mutable` tables get the four data privileges; `migrations` is read to learn that
 * nothing is pending. No table gets TRUNCATE, REFERENCES or TRIGGER, and the runtime role owns nothing.
 * Every table needs a decision here: test/least-privilege.e2e-spec.ts fails on one that has none.
 */
export const TABLE_GRANTS = {
  // The record.
  ledger_events: 'record',
  motion_versions: 'record',
  ballot_revisions: 'record',
  resolutions: 'record',
  resolution_objectives: 'record',
  resolution_institutions: 'record',
  compliance_reports: 'record',
  compliance_report_files: 'record',
  evidence_files: 'record',
  ledger_checkpoints: 'record',
  secret_participation: 'record',
  secret_ballots: 'record',
  secret_question_participation: 'record',
  secret_question_ballots: 'record',
  election_entitlements: 'record',
  // State that changes by design (every change that matters is also a record event).
  account_enrolments: 'mutable',
  account_recovery_codes: 'mutable',
  account_second_factors: 'mutable',
  agenda_items: 'mutable',
  assembly_rules_versions: 'mutable',
  attendance: 'mutable',
  ballot_idempotency_keys: 'mutable',
  ballots: 'mutable',
  candidacies: 'mutable',
  commissions: 'mutable',
  election_rounds: 'mutable',
  elections: 'mutable',
  compliance: 'mutable',
  constituencies: 'mutable',
  delegates: 'mutable',
  documents: 'mutable',
  evidence_uploads: 'mutable',
  institutions: 'mutable',
  job_outbox: 'mutable',
  motion_cosponsors: 'mutable',
  motion_institutions: 'mutable',
  motion_number_counters: 'mutable',
  motion_objectives: 'mutable',
  motions: 'mutable',
  offices: 'mutable',
  outbox: 'mutable',
  plan_bicentenario_axes: 'mutable',
  plan_catalogue_versions: 'mutable',
  plan_dimensions: 'mutable',
  plan_national_policies: 'mutable',
  plan_objectives: 'mutable',
  plan_problems: 'mutable',
  plan_targets: 'mutable',
  plan_themes: 'mutable',
  positions: 'mutable',
  refresh_tokens: 'mutable',
  resolution_number_counters: 'mutable',
  // Its rows are deleted at the close (docs/secret-ballots.md).
  secret_ballot_box: 'mutable',
  secret_question_box: 'mutable',
  session_number_counters: 'mutable',
  sessions: 'mutable',
  speaker_requests: 'mutable',
  speeches: 'mutable',
  terms: 'mutable',
  users: 'mutable',
  vote_entitlements: 'mutable',
  vote_progress: 'mutable',
  votes: 'mutable',
  webhook_deliveries: 'mutable',
  webhook_endpoints: 'mutable',
  // Written only by migrations (as the owner).
  schema_migrations: 'migrations',
} as const satisfies Record<string, TableGrant>;

export type TableGrant = 'record' | 'mutable' | 'migrations';

export const GRANTED_PRIVILEGES: Readonly<Record<TableGrant, readonly string[]>> = {
  record: ['INSERT', 'SELECT'],
  mutable: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  migrations: ['SELECT'],
};

/**
 * What a table created later gets before anyone decides (ALTER DEFAULT PRIVILEGES): the mutable set, so a
 * new table works at once. Its append-only triggers (if it is part of the record) still bind the runtime
 * role, which cannot disable them; the test above makes sure the decision is then written down.
 */
const DEFAULT_TABLE_PRIVILEGES = GRANTED_PRIVILEGES.mutable;
const SEQUENCE_PRIVILEGES = ['SELECT', 'USAGE'];
const ALL_TABLE_PRIVILEGES = ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];

export function grantFor(table: string): TableGrant | undefined {
  return (TABLE_GRANTS as Record<string, TableGrant>)[table];
}

export interface RuntimeRoleSetup {
  role: string;
  created: boolean;
  /** Statements run (empty when everything was in place already: the usual boot). */
  statements: string[];
  /** Tables in the schema with no decision in TABLE_GRANTS (they keep the default, mutable set). */
  unclassified: string[];
}

/** The user a connection URL logs in as. */
export function urlUser(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Makes the runtime role (DATABASE_URL's user) exactly what TABLE_GRANTS says, connected as the owner of
 * the tables (the migrations' user). Idempotent, and cheap when nothing changed: one query reads the state,
 * statements run only for what differs. Creates the role (LOGIN, with DATABASE_URL's password, no other
 * attribute) only when it does not exist, which needs CREATEROLE; `syncPassword` also sets the password of
 * an existing role (the embedded server, whose password lives in DATA_DIR/pg.json). Refuses a runtime role
 * that could bypass the record's protection anyway: a superuser, BYPASSRLS, or a member of the owner.
 */
export async function setUpRuntimeRole(
  ownerUrl: string,
  runtimeUrl: string,
  { syncPassword = false }: { syncPassword?: boolean } = {},
): Promise<RuntimeRoleSetup> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'asamblea-roles' });
  await client.connect();
  try {
    return await setUpRuntimeRoleWith(client, runtimeUrl, { syncPassword });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** setUpRuntimeRole on a connection the caller holds (as the owner). */
export function setUpRuntimeRoleWith(
  client: pg.Client,
  runtimeUrl: string,
  { syncPassword = false }: { syncPassword?: boolean } = {},
): Promise<RuntimeRoleSetup> {
  return setUp(client, urlUser(runtimeUrl), decodeURIComponent(new URL(runtimeUrl).password), syncPassword);
}

interface State {
  owner: string;
  database: string;
  schema: string;
  role_exists: boolean;
  superuser: boolean;
  bypassrls: boolean;
  member_of_owner: boolean;
  can_connect: boolean;
  schema_usage: boolean;
  schema_create: boolean;
  tables: { name: string; privileges: string[] }[];
  sequences_missing: number;
  default_tables: string[];
  default_sequences: string[];
}

const STATE = `
  WITH target AS (SELECT oid FROM pg_roles WHERE rolname = $1),
  me AS (SELECT oid FROM pg_roles WHERE rolname = current_user)
  SELECT current_user AS owner, current_database() AS database, current_schema() AS schema,
    EXISTS (SELECT 1 FROM target) AS role_exists,
    coalesce((SELECT rolsuper FROM pg_roles WHERE oid = (SELECT oid FROM target)), false) AS superuser,
    coalesce((SELECT rolbypassrls FROM pg_roles WHERE oid = (SELECT oid FROM target)), false) AS bypassrls,
    EXISTS (SELECT 1 FROM target WHERE pg_has_role(target.oid, (SELECT oid FROM me), 'USAGE')) AS member_of_owner,
    EXISTS (SELECT 1 FROM target WHERE has_database_privilege(target.oid, current_database(), 'CONNECT')) AS can_connect,
    EXISTS (SELECT 1 FROM target WHERE has_schema_privilege(target.oid, current_schema(), 'USAGE')) AS schema_usage,
    EXISTS (SELECT 1 FROM target WHERE has_schema_privilege(target.oid, current_schema(), 'CREATE')) AS schema_create,
    coalesce((
      SELECT json_agg(json_build_object('name', c.relname, 'privileges', array_remove(ARRAY[
        CASE WHEN has_table_privilege(t.oid, c.oid, 'DELETE') THEN 'DELETE' END,
        CASE WHEN has_table_privilege(t.oid, c.oid, 'INSERT') THEN 'INSERT' END,
        CASE WHEN has_table_privilege(t.oid, c.oid, 'REFERENCES') THEN 'REFERENCES' END,
        CASE WHEN has_table_privilege(t.oid, c.oid, 'SELECT') THEN 'SELECT' END,
        CASE WHEN has_table_privilege(t.oid, c.oid, 'TRIGGER') THEN 'TRIGGER' END,
        CASE WHEN has_table_privilege(t.oid, c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
        CASE WHEN has_table_privilege(t.oid, c.oid, 'UPDATE') THEN 'UPDATE' END], NULL)) ORDER BY c.relname)
      FROM pg_class c CROSS JOIN target t
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')), '[]'::json) AS tables,
    (SELECT count(*)::int FROM pg_class c CROSS JOIN target t
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S'
        AND NOT has_sequence_privilege(t.oid, c.oid, 'USAGE')) AS sequences_missing,
    coalesce((SELECT array_agg(a.privilege_type ORDER BY a.privilege_type)
      FROM pg_default_acl d, aclexplode(d.defaclacl) a, target t
      WHERE d.defaclrole = (SELECT oid FROM me) AND d.defaclnamespace = current_schema()::regnamespace
        AND d.defaclobjtype = 'r' AND a.grantee = t.oid), '{}') AS default_tables,
    coalesce((SELECT array_agg(a.privilege_type ORDER BY a.privilege_type)
      FROM pg_default_acl d, aclexplode(d.defaclacl) a, target t
      WHERE d.defaclrole = (SELECT oid FROM me) AND d.defaclnamespace = current_schema()::regnamespace
        AND d.defaclobjtype = 'S' AND a.grantee = t.oid), '{}') AS default_sequences`;

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index]);

async function setUp(
  client: pg.Client,
  role: string,
  password: string,
  syncPassword: boolean,
): Promise<RuntimeRoleSetup> {
  const ident = async (...names: string[]) =>
    (
      await client.query<{ q: string[] }>(
        `SELECT array_agg(quote_ident(n) ORDER BY o) AS q FROM unnest($1::text[]) WITH ORDINALITY AS u(n, o)`,
        [names],
      )
    ).rows[0]!.q;
  let state = (await client.query<State>(STATE, [role])).rows[0]!;
  if (role === state.owner) throw new Error(`the runtime role ${role} is the owner of the tables`);
  const statements: string[] = [];
  let created = false;
  const [r, db, schema] = await ident(role, state.database, state.schema);
  if (!state.role_exists) {
    const create = await client.query<{ sql: string }>(
      `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', $1::text, $2::text) AS sql`,
      [role, password || null],
    );
    await client.query(create.rows[0]!.sql);
    statements.push(`CREATE ROLE ${r} LOGIN … PASSWORD '…'`);
    created = true;
    state = (await client.query<State>(STATE, [role])).rows[0]!;
  } else if (syncPassword) {
    const alter = await client.query<{ sql: string }>(
      `SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql`,
      [role, password],
    );
    await client.query(alter.rows[0]!.sql);
    statements.push(`ALTER ROLE ${r} PASSWORD '…'`);
  }
  if (state.superuser || state.bypassrls || state.member_of_owner) {
    throw new Error(
      `the runtime role ${role} can bypass the record's protection (${
        state.superuser ? 'superuser' : state.bypassrls ? 'BYPASSRLS' : `member of ${state.owner}`
      }): give DATABASE_URL a role of its own`,
    );
  }

  const plan: string[] = [];
  if (!state.can_connect) plan.push(`GRANT CONNECT ON DATABASE ${db} TO ${r}`);
  if (!state.schema_usage) plan.push(`GRANT USAGE ON SCHEMA ${schema} TO ${r}`);
  // PostgreSQL before 15 lets PUBLIC create in schema public.
  if (state.schema_create)
    plan.push(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`, `REVOKE CREATE ON SCHEMA ${schema} FROM ${r}`);
  const unclassified: string[] = [];
  for (const table of state.tables) {
    const grant = grantFor(table.name);
    if (!grant) unclassified.push(table.name);
    const wanted = grant ? GRANTED_PRIVILEGES[grant] : DEFAULT_TABLE_PRIVILEGES;
    if (same(table.privileges, wanted)) continue;
    const [t] = await ident(table.name);
    plan.push(`REVOKE ${ALL_TABLE_PRIVILEGES.join(', ')} ON TABLE ${schema}.${t} FROM ${r}`);
    plan.push(`GRANT ${wanted.join(', ')} ON TABLE ${schema}.${t} TO ${r}`);
  }
  if (state.sequences_missing > 0)
    plan.push(`GRANT ${SEQUENCE_PRIVILEGES.join(', ')} ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`);
  if (!same(state.default_tables, DEFAULT_TABLE_PRIVILEGES)) {
    plan.push(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON TABLES FROM ${r}`);
    plan.push(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT ${DEFAULT_TABLE_PRIVILEGES.join(', ')} ON TABLES TO ${r}`,
    );
  }
  if (!same(state.default_sequences, SEQUENCE_PRIVILEGES)) {
    plan.push(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT ${SEQUENCE_PRIVILEGES.join(', ')} ON SEQUENCES TO ${r}`,
    );
  }
  if (plan.length) {
    await client.query('BEGIN');
    try {
      for (const statement of plan) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    statements.push(...plan);
    // A privilege that survives the revocations comes from PUBLIC or a group: say so rather than hide it.
    const after = (await client.query<State>(STATE, [role])).rows[0]!;
    for (const table of after.tables) {
      const wanted = GRANTED_PRIVILEGES[grantFor(table.name) ?? 'mutable'];
      if (!same(table.privileges, wanted))
        throw new Error(
          `the runtime role ${role} still has ${table.privileges.join(', ')} on ${table.name} (granted to PUBLIC or a group it belongs to)`,
        );
    }
    if (after.schema_create)
      throw new Error(`the runtime role ${role} can still CREATE in schema ${state.schema}`);
  }
  return { role, created, statements, unclassified };
}

/**
 * Why the connection can rewrite the record despite its triggers (it is a superuser, owns or inherits the
 * owner of the tables, or may UPDATE, DELETE or TRUNCATE the record); null when it cannot.
 */
export async function recordProtectionBypass(
  query: (sql: string) => Promise<unknown[]>,
): Promise<string | null> {
  const [row] = (await query(`
    SELECT current_user AS role, r.rolsuper AS superuser,
      EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
        AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns,
      to_regclass('ledger_events') IS NOT NULL
        AND has_table_privilege('ledger_events', 'UPDATE, DELETE, TRUNCATE') AS rewrites
    FROM pg_roles r WHERE r.rolname = current_user`)) as {
    role: string;
    superuser: boolean;
    owns: boolean;
    rewrites: boolean;
  }[];
  if (!row) return null;
  if (row.superuser) return `${row.role} is a superuser`;
  if (row.owns) return `${row.role} owns the tables (it can disable their triggers)`;
  if (row.rewrites) return `${row.role} may UPDATE, DELETE or TRUNCATE ledger_events`;
  return null;
}
