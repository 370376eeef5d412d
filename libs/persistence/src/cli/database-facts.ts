import type pg from 'pg';

export interface DatabaseFacts {
  database: string;
  serverVersion: string;
  serverMajor: number;
  lastMigration: string | null;
  /** Tables, views, sequences… outside PostgreSQL's own schemas: 0 for a fresh database. */
  relations: number;
}

export async function describeDatabase(client: pg.Client): Promise<DatabaseFacts> {
  const [row] = (
    await client.query<{ database: string; version: string; num: string; relations: number }>(`
      SELECT current_database() AS database, current_setting('server_version') AS version,
        current_setting('server_version_num') AS num,
        (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
            AND n.nspname NOT LIKE 'pg\\_temp%') AS relations`)
  ).rows;
  const migration = await client
    .query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY timestamp DESC LIMIT 1`)
    .then((result) => result.rows[0]?.name ?? null)
    .catch(() => null);
  return {
    database: row!.database,
    serverVersion: row!.version.split(' ')[0]!,
    serverMajor: Math.floor(Number(row!.num) / 10000),
    lastMigration: migration,
    relations: row!.relations,
  };
}

/** «#N <hash>» of the last record event, or why there is none. */
export async function describeHead(client: pg.Client): Promise<string> {
  // Checked first, not caught: an error would abort the caller's transaction (the backup's snapshot).
  const [{ exists }] = (
    await client.query<{ exists: boolean }>(`SELECT to_regclass('ledger_events') IS NOT NULL AS exists`)
  ).rows as [{ exists: boolean }];
  if (!exists) return 'no record (the schema is not there)';
  const [head] = (
    await client.query<{ sequence: string; hash: string }>(
      `SELECT sequence::text, hash FROM ledger_events ORDER BY sequence DESC LIMIT 1`,
    )
  ).rows;
  return head ? `#${head.sequence} ${head.hash}` : 'no record events';
}

export interface OpenSecretRound {
  /** Null for a secret question (a vote whose decision the reglamento marks secret): `roundId` is the vote's. */
  electionId: string | null;
  title: string;
  roundId: string;
  round: string;
  deadline: string | null;
}

/**
 * The secret rounds open now (docs/secret-ballots.md): while one is, its box and key are in the database,
 * and a dump would carry them — with SECRETS_KEY, every ballot in arrival order beside the participation.
 */
export async function openSecretRounds(client: pg.Client): Promise<OpenSecretRound[]> {
  // Checked first, not caught, as in describeHead: the backup's snapshot transaction must survive it.
  const [{ exists }] = (
    await client.query<{ exists: boolean }>(`SELECT to_regclass('election_rounds') IS NOT NULL AS exists`)
  ).rows as [{ exists: boolean }];
  if (!exists) return [];
  const [{ questions }] = (
    await client.query<{ questions: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'votes' AND column_name = 'ballot_key') AS questions`,
    )
  ).rows as [{ questions: boolean }];
  const secretQuestions = questions
    ? `UNION ALL
       SELECT NULL, v.question, v.id, 'secret question', v.opened_at,
         to_char(v.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
       FROM votes v WHERE v.secret AND (v.status = 'open' OR v.ballot_key IS NOT NULL)`
    : '';
  return (
    await client.query<OpenSecretRound>(
      `SELECT "electionId", title, "roundId", round, deadline FROM (
         SELECT e.id AS "electionId", e.title, r.id AS "roundId", r.round, r.opened_at,
           to_char(r.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS deadline
         FROM election_rounds r JOIN elections e ON e.id = r.election_id
         WHERE r.status = 'open' OR r.ballot_key IS NOT NULL
         ${secretQuestions}
       ) open ORDER BY opened_at`,
    )
  ).rows;
}
