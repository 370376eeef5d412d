import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

const ISO_DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const INSTITUTION_CODES = (table: string, key: string, id: string) =>
  `ARRAY(SELECT i.code FROM ${table} x JOIN institutions i ON i.id = x.institution_id WHERE x.${key} = ${id} ORDER BY 1)`;

/**
 * One query per open dataset; every alias is a column name of the API's dataset definitions
 * (apps/api/src/open-data/open-data.columns.ts, whose shapeRows refuses a row that lacks one). Rows come
 * in a stable order so that two dumps of the same data are identical.
 */
const DATASET_QUERIES = {
  // Public means filed (numbered): a draft, even a withdrawn one, never appears.
  motions: `
    SELECT m.id, m.number, CASE WHEN m.parent_id IS NULL THEN 'motion' ELSE 'amendment' END AS kind,
      p.number AS parent_number, m.title, m.body, m.rationale, m.status, m.inadmissible_reason,
      m.author_delegate_id, d.full_name AS author_name, c.code AS author_constituency_code,
      c.name AS author_constituency,
      ARRAY(SELECT objective_code FROM motion_objectives o WHERE o.motion_id = m.id ORDER BY 1) AS objectives,
      ${INSTITUTION_CODES('motion_institutions', 'motion_id', 'm.id')} AS institutions,
      ${ISO_DATE('m.compliance_deadline')} AS compliance_deadline,
      (SELECT count(*)::int FROM motion_cosponsors mc WHERE mc.motion_id = m.id) AS cosponsors,
      m.current_version, m.filed_at, m.updated_at
    FROM motions m
    JOIN delegates d ON d.id = m.author_delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    LEFT JOIN motions p ON p.id = m.parent_id
    WHERE m.number IS NOT NULL
    ORDER BY m.year, m.sequence`,

  // While a vote is open its tally and outcome are null (they are computed at the close).
  votes: `
    SELECT v.id, v.session_id, s.title AS session_title, v.kind, m.number AS motion_number, v.question, v.rule,
      v.rule_version, v.status,
      (SELECT count(*)::int FROM vote_entitlements e WHERE e.vote_id = v.id) AS entitled_count,
      v.present_at_opening, v.seated_at_opening, v.entitled_hash, v.opened_at, v.deadline, v.closed_at,
      (v.tally #>> '{counts,yes}')::int AS yes_count, (v.tally #>> '{counts,no}')::int AS no_count,
      (v.tally #>> '{counts,abstain}')::int AS abstain_count,
      (v.tally #>> '{counts,notVoted}')::int AS not_voted_count,
      v.tally #>> '{base,kind}' AS base_kind, (v.tally #>> '{base,size}')::int AS base_size,
      (v.tally ->> 'required')::int AS required_yes, v.outcome, r.number AS resolution_number
    FROM votes v
    JOIN sessions s ON s.id = v.session_id
    LEFT JOIN motions m ON m.id = v.motion_id
    LEFT JOIN resolutions r ON r.vote_id = v.id
    ORDER BY v.opened_at, v.id`,

  // Ballots of an open vote are secret until it closes: only closed votes.
  ballots: `
    SELECT b.vote_id, v.session_id, m.number AS motion_number, b.delegate_id, d.full_name AS delegate_name,
      c.code AS delegate_constituency_code, c.name AS delegate_constituency, e.seat_titular_id, b.choice,
      b.revision, br.cast_at, br.receipt, br.recorded_method AS recorded_by_mesa
    FROM ballots b
    JOIN votes v ON v.id = b.vote_id AND v.status = 'closed'
    JOIN vote_entitlements e ON e.vote_id = b.vote_id AND e.delegate_id = b.delegate_id
    JOIN ballot_revisions br ON br.vote_id = b.vote_id AND br.delegate_id = b.delegate_id AND br.revision = b.revision
    JOIN delegates d ON d.id = b.delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    LEFT JOIN motions m ON m.id = v.motion_id
    ORDER BY v.opened_at, b.vote_id, c.code, d.full_name, b.delegate_id`,

  resolutions: `
    SELECT r.number, r.year, r.sequence, r.title, r.body, r.issued_at, m.number AS motion_number, r.motion_version,
      r.vote_id, r.session_id,
      ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1) AS objectives,
      ${INSTITUTION_CODES('resolution_institutions', 'resolution_id', 'r.id')} AS institutions,
      ${ISO_DATE('r.compliance_deadline')} AS compliance_deadline, r.digest
    FROM resolutions r
    JOIN motions m ON m.id = r.motion_id
    ORDER BY r.year, r.sequence`,

  compliance: `
    SELECT r.number AS resolution_number, r.title AS resolution_title, i.code AS institution_code,
      i.name AS institution_name, c.status, c.progress, ${ISO_DATE('c.deadline')} AS deadline,
      (SELECT count(*)::int FROM compliance_reports cr
        WHERE cr.resolution_id = c.resolution_id AND cr.institution_id = c.institution_id) AS reports,
      c.updated_at, c.fulfilled_at
    FROM compliance c
    JOIN resolutions r ON r.id = c.resolution_id
    JOIN institutions i ON i.id = c.institution_id
    ORDER BY r.year, r.sequence, i.code`,

  attendance: `
    SELECT a.session_id, s.title AS session_title, s.scheduled_at AS session_scheduled_at, a.delegate_id,
      d.full_name AS delegate_name, c.code AS delegate_constituency_code, c.name AS delegate_constituency,
      d.alternate_of_id AS alternate_of_delegate_id, a.present, a.recorded_by, a.updated_at
    FROM attendance a
    JOIN sessions s ON s.id = a.session_id
    JOIN delegates d ON d.id = a.delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    ORDER BY s.scheduled_at, a.session_id, c.code, d.full_name, a.delegate_id`,
} as const;

export type OpenDatasetName = keyof typeof DATASET_QUERIES;

/** One open dataset's rows, as the database answers them. */
export function readOpenDataset(source: Source, name: OpenDatasetName): Promise<Record<string, unknown>[]> {
  // Tables are small (one assembly); past tens of thousands of rows this should page with a cursor.
  return source.query(DATASET_QUERIES[name]);
}

/** Makes the transaction read only and answers its timestamp: the moment a dump read in it shows. */
export async function startReadOnlySnapshot(m: EntityManager): Promise<Date> {
  await m.query('SET TRANSACTION READ ONLY');
  const [{ now }]: { now: Date }[] = await m.query('SELECT transaction_timestamp() AS now');
  return now;
}

// ---- The Atom feeds ----

export interface FeedResolutionRow {
  number: string;
  title: string;
  issued_at: Date;
  digest: string;
  compliance_deadline: string | null;
  objectives: string[];
  institutions: string[];
}

/** The latest resolutions, newest first. */
export function readLatestResolutions(source: Source, limit: number): Promise<FeedResolutionRow[]> {
  return source.query(
    `SELECT r.number, r.title, r.issued_at, r.digest, to_char(r.compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline,
       ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1) AS objectives,
       ARRAY(SELECT i.code FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
             WHERE ri.resolution_id = r.id ORDER BY 1) AS institutions
     FROM resolutions r ORDER BY r.issued_at DESC, r.year DESC, r.sequence DESC LIMIT $1`,
    [limit],
  );
}

export interface ComplianceEventRow {
  sequence: string;
  type: string;
  subject: string;
  payload: Record<string, unknown> | null;
  hash: string;
  occurred_at: Date;
}

/** The latest compliance events of the public record (reports and missed deadlines), newest first. */
export function readLatestComplianceEvents(source: Source, limit: number): Promise<ComplianceEventRow[]> {
  return source.query(
    `SELECT sequence, type, subject, payload, hash, occurred_at FROM ledger_events
     WHERE type IN ('compliance.reported', 'compliance.overdue') ORDER BY sequence DESC LIMIT $1`,
    [limit],
  );
}
