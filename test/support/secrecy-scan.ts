import { execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import request from 'supertest';
import { asOwner } from './runtime-role.js';
import { createTestDatabase, type SeatedDelegate } from './test-api.js';

/*
 * The search behind the secrecy tests (elections and secret questions): every row of the database, of a
 * dump, of the record or of a log, as text, looked through for a voter beside their tracker or choice.
 */

export const run = promisify(execFile);

/** A row of the database, or of a dump, as text, and where it came from. */
export interface Row {
  where: string;
  text: string;
}

export interface Needles {
  /** Every form a tracker could be stored or logged in, per voter: as typed, compact, hex bytes, SHA-256. */
  trackers: Map<number, string[]>;
  /** Every serialisation of each choice a voter ever sent (final and replaced), whitespace removed. */
  choices: Map<number, string[]>;
  /** What names a voter: delegate id, account id, email, full name, document number. */
  voters: Map<number, string[]>;
}

export interface Finding {
  where: string;
  /** Voters whose tracker or choice the row holds. */
  ballotsOf: number[];
  /** Voters the row names. */
  names: number[];
  text: string;
}

const hits = (text: string, needles: Map<number, string[]>): number[] => {
  const lower = text.toLowerCase();
  // A JSON value inside a row's text is quoted: "" in a composite (t::text), \" in a JSON string.
  const squeezed = lower.replace(/\s+/g, '').replace(/\\/g, '').replace(/""/g, '"');
  return [...needles]
    .filter(([, forms]) => forms.some((form) => lower.includes(form) || squeezed.includes(form)))
    .map(([voter]) => voter);
};

/** Every row holding some voter's tracker or choice, with the voters it names (if any). */
export function scan(rows: Row[], needles: Needles): Finding[] {
  return rows.flatMap((row) => {
    const ballotsOf = [...new Set([...hits(row.text, needles.trackers), ...hits(row.text, needles.choices)])];
    if (!ballotsOf.length) return [];
    return [
      {
        where: row.where,
        ballotsOf: ballotsOf.sort(),
        names: hits(row.text, needles.voters),
        text: row.text,
      },
    ];
  });
}

/**
 * The publication event holds two public lists side by side: the participants (sorted by id) and the
 * (tracker, choice) pairs (sorted by tracker). Neither is ordered by arrival, so together they link no one;
 * each is searched as a row of its own, and the one with the ballots must name no voter.
 */
export function splitPublication(
  where: string,
  row: Record<string, unknown> & { payload: Record<string, unknown> },
): Row[] {
  const { ballots, ...rest } = row.payload;
  return [
    { where: `${where} (all but ballots)`, text: JSON.stringify({ ...row, payload: rest }) },
    { where: `${where} (ballots)`, text: JSON.stringify(ballots) },
  ];
}

/** Every row of every table of the database (this session's temporary tables too), as text. */
export async function everyRow(client: pg.Client): Promise<{ rows: Row[]; tables: string[] }> {
  const tables = (
    await client.query<{ name: string }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND (n.nspname NOT LIKE 'pg\\_temp%' OR n.oid = pg_my_temp_schema())
      ORDER BY 1`)
  ).rows.map((r) => r.name);
  const rows: Row[] = [];
  for (const table of tables) {
    if (table === 'public.ledger_events') {
      const events = await client.query<{
        row: Record<string, unknown> & { payload: Record<string, unknown> };
      }>(`SELECT to_jsonb(t) AS row FROM public.ledger_events t ORDER BY sequence`);
      for (const { row } of events.rows) {
        const where = `${table} #${row.sequence} ${row.type}`;
        if (row.type === 'secret.ballots_published') rows.push(...splitPublication(where, row));
        else rows.push({ where, text: JSON.stringify(row) });
      }
      continue;
    }
    const result = await client.query<{ text: string }>(`SELECT t::text AS text FROM ${table} t`);
    for (const { text } of result.rows) rows.push({ where: table, text });
  }
  return { rows, tables };
}

/** The rows of a plain-text dump: each COPY line under its table; the rest (DDL, settings) as one row. */
export function dumpRows(sql: string): { rows: Row[]; copied: Map<string, number> } {
  const rows: Row[] = [];
  const copied = new Map<string, number>();
  const other: string[] = [];
  const lines = sql.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const header = /^COPY (\S+) \((.*)\) FROM stdin;$/.exec(lines[i]!);
    if (!header) {
      other.push(lines[i]!);
      continue;
    }
    const table = header[1]!;
    const columns = header[2]!.split(', ');
    copied.set(table, 0);
    for (i += 1; lines[i] !== '\\.'; i += 1) {
      copied.set(table, copied.get(table)! + 1);
      const line = lines[i]!;
      const values = line.split('\t');
      const type = values[columns.indexOf('type')];
      if (table === 'public.ledger_events' && type === 'secret.ballots_published') {
        const row = Object.fromEntries(columns.map((c, k) => [c, values[k]!.replace(/\\\\/g, '\\')]));
        rows.push(...splitPublication(`${table} ${type}`, { ...row, payload: JSON.parse(row.payload!) }));
      } else rows.push({ where: table, text: line });
    }
  }
  rows.push({ where: 'dump outside COPY data', text: other.join('\n') });
  return { rows, copied };
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function node(script: string, args: string[], env: Record<string, string>): Promise<Ran> {
  try {
    const { stdout, stderr } = await run('node', [script, ...args], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const forms = (tracker: string): string[] => {
  const compact = tracker.replace(/-/g, '');
  return [
    tracker,
    compact,
    ...[tracker, compact].flatMap((t) => [Buffer.from(t).toString('hex'), sha256(t)]),
  ].map((f) => f.toLowerCase());
};

export interface RecordEvent extends Record<string, unknown> {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
}

/** The whole public record as the API serves it, page by page, and its events as rows to scan. */
export async function publicRecord(url: string): Promise<{ events: RecordEvent[]; rows: Row[] }> {
  const events: RecordEvent[] = [];
  for (let after = 0; ;) {
    const page = await request(url).get(`/api/ledger?after=${after}&limit=5000`).expect(200);
    events.push(...page.body.events);
    if (page.body.next === null) break;
    after = page.body.next;
  }
  const rows = events.flatMap((e) =>
    e.type === 'secret.ballots_published'
      ? splitPublication(`${e.sequence} ${e.type}`, e)
      : [{ where: `${e.sequence} ${e.type}`, text: JSON.stringify(e) }],
  );
  return { events, rows };
}

/** A built API's output: every non-empty line, and pino's JSON lines parsed (the banner is not JSON). */
export function logLines(output: string): {
  lines: string[];
  logged: { level: number; req?: { method: string; url: string } }[];
} {
  const lines = output.split('\n').filter((line) => line.trim());
  return { lines, logged: lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)) };
}

/** Stops a built API (SIGTERM) and waits for it to exit; nothing if it has already. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A database of its own for a secrecy test: the environment its APIs and CLIs share, and the backup CLI. */
export async function secrecyDatabase(prefix: string): Promise<{
  env: Record<string, string>;
  url: string;
  backupFile: string;
  backup(args: string[]): Promise<Ran>;
  owner<T>(fn: (client: pg.Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const database = await createTestDatabase();
  const env = {
    NODE_ENV: 'test',
    ASAMBLEA_DEMO: 'false',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    SECOND_FACTOR_ROLES: '',
  };
  return {
    env,
    url: database.url,
    backupFile: join(dataDir, 'secrecy.dump'),
    backup: (args) =>
      node('dist/libs/persistence/src/cli/backup.js', args, {
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        JWT_SECRET: env.JWT_SECRET,
        SECRETS_KEY: env.SECRETS_KEY,
      }),
    owner: (fn) => asOwner(database.url, fn),
    drop: () => database.drop(),
  };
}

/**
 * Fills in what names each voter (delegate id, account id, email, full name, document number, read from
 * the database) and every form of the tracker each is given.
 */
export async function voterNeedles(
  owner: <T>(fn: (client: pg.Client) => Promise<T>) => Promise<T>,
  voters: Map<number, SeatedDelegate>,
  trackers: Map<number, string>,
  needles: Needles,
): Promise<void> {
  const details = await owner((client) =>
    client.query<{ id: string; full_name: string; document_id: string }>(
      `SELECT id, full_name, document_id FROM delegates WHERE id = ANY ($1)`,
      [[...voters.values()].map((d) => d.delegateId)],
    ),
  );
  for (const [i, d] of voters) {
    const row = details.rows.find((r) => r.id === d.delegateId)!;
    needles.voters.set(
      i,
      [d.delegateId, d.id, d.email, row.full_name, row.document_id].map((v) => v.toLowerCase()),
    );
    needles.trackers.set(i, forms(trackers.get(i)!));
  }
}
