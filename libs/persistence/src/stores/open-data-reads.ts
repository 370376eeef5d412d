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
      v.rule_version, v.secret, v.status,
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

  // One row per round. The outcome exists only once the round is closed (a constraint says so), and the
  // hashes come from the close's own record event.
  elections: `
    SELECT r.id AS round_id, r.election_id, r.round, e.title AS election_title, p.id AS position_id,
      p.title_es AS position_title, p.body AS position_body, cm.name_es AS commission, t.label AS term_label,
      t.starts_at AS term_starts_at, t.ends_at AS term_ends_at, r.method, r.seats, r.max_choices, r.status,
      e.status AS election_status, r.session_id, s.title AS session_title,
      (SELECT count(*)::int FROM election_entitlements x WHERE x.round_id = r.id) AS entitled_count,
      (SELECT count(*)::int FROM secret_participation x WHERE x.round_id = r.id) AS participation_count,
      r.present_at_opening, r.seated_at_opening, r.entitled_hash, r.lot_seed, r.opened_at, r.deadline,
      r.closed_at, r.closed_by,
      (r.outcome #>> '{ballots,cast}')::int AS ballots_cast, (r.outcome #>> '{ballots,valid}')::int AS ballots_valid,
      (r.outcome #>> '{ballots,blank}')::int AS ballots_blank, (r.outcome #>> '{ballots,"null"}')::int AS ballots_null,
      r.outcome #>> '{threshold,kind}' AS threshold_kind, (r.outcome #>> '{threshold,required}')::int AS required_votes,
      ARRAY(SELECT x.value ->> 'candidate' FROM jsonb_array_elements(r.outcome -> 'elected') WITH ORDINALITY x (value, n)
        ORDER BY x.n) AS elected_candidate_ids,
      ARRAY(SELECT d.full_name FROM jsonb_array_elements(r.outcome -> 'elected') WITH ORDINALITY x (value, n)
        JOIN delegates d ON d.id = (x.value ->> 'candidate')::uuid ORDER BY x.n) AS elected_names,
      ARRAY(SELECT x.value FROM jsonb_array_elements_text(r.outcome #> '{runoff,candidates}') WITH ORDINALITY x (value, n)
        ORDER BY x.n) AS runoff_candidate_ids,
      (r.outcome ->> 'vacant')::int AS vacant_seats,
      ARRAY(SELECT x.value ->> 'decidedBy' FROM jsonb_array_elements(r.outcome -> 'ties') WITH ORDINALITY x (value, n)
        ORDER BY x.n) AS tie_decisions,
      published.payload ->> 'secretBallotsHash' AS ballots_hash,
      published.payload ->> 'participationHash' AS participation_hash
    FROM election_rounds r
    JOIN elections e ON e.id = r.election_id
    JOIN positions p ON p.id = e.position_id
    JOIN terms t ON t.id = e.term_id
    JOIN sessions s ON s.id = r.session_id
    LEFT JOIN commissions cm ON cm.id = p.commission_id
    LEFT JOIN LATERAL (
      SELECT l.payload FROM ledger_events l
      WHERE l.subject = 'vote:' || r.id::text AND l.type = 'secret.ballots_published' ORDER BY l.sequence LIMIT 1
    ) published ON r.status = 'closed'
    ORDER BY r.opened_at, r.id`,

  // The round's candidates, with their counts from the outcome once it is closed (most support first).
  election_candidates: `
    SELECT r.id AS round_id, r.election_id, r.round, c.id AS candidate_delegate_id, d.full_name AS candidate_name,
      k.code AS candidate_constituency_code, k.name AS candidate_constituency,
      (oc.value ->> 'support')::int AS votes, (oc.value #>> '{marks,yes}')::int AS yes_count,
      (oc.value #>> '{marks,no}')::int AS no_count, (oc.value #>> '{marks,abstain}')::int AS abstain_count,
      CASE WHEN r.outcome IS NOT NULL THEN el.value IS NOT NULL END AS elected, el.value ->> 'by' AS elected_by,
      CASE WHEN r.round = 'first' AND r.outcome IS NOT NULL
        THEN COALESCE(r.outcome #> '{runoff,candidates}' @> jsonb_build_array(c.id::text), false) END AS to_runoff
    FROM election_rounds r
    CROSS JOIN LATERAL unnest(r.candidates) AS c (id)
    JOIN delegates d ON d.id = c.id
    JOIN constituencies k ON k.code = d.constituency_code
    LEFT JOIN LATERAL (
      SELECT x.value, x.n FROM jsonb_array_elements(r.outcome -> 'candidates') WITH ORDINALITY x (value, n)
      WHERE x.value ->> 'candidate' = c.id::text
    ) oc ON true
    LEFT JOIN LATERAL (
      SELECT x.value FROM jsonb_array_elements(r.outcome -> 'elected') x WHERE x.value ->> 'candidate' = c.id::text
    ) el ON true
    ORDER BY r.opened_at, r.id, oc.n NULLS LAST, d.full_name, c.id`,

  // Exactly the published list (closed rounds only), in tracker order; no voter, no time.
  secret_ballots: `
    SELECT b.round_id, r.election_id, r.round, b.tracker, b.choice ->> 'kind' AS choice_kind,
      ARRAY(SELECT x.value FROM jsonb_array_elements_text(b.choice -> 'candidates') WITH ORDINALITY x (value, n)
        ORDER BY x.n) AS candidate_ids,
      ARRAY(SELECT x.key FROM jsonb_each_text(b.choice -> 'marks') x WHERE x.value = 'yes' ORDER BY x.key COLLATE "C") AS marked_yes,
      ARRAY(SELECT x.key FROM jsonb_each_text(b.choice -> 'marks') x WHERE x.value = 'no' ORDER BY x.key COLLATE "C") AS marked_no,
      ARRAY(SELECT x.key FROM jsonb_each_text(b.choice -> 'marks') x WHERE x.value = 'abstain' ORDER BY x.key COLLATE "C")
        AS marked_abstain,
      b.choice::text AS choice
    FROM secret_ballots b
    JOIN election_rounds r ON r.id = b.round_id AND r.status = 'closed'
    ORDER BY r.opened_at, r.id, b.tracker COLLATE "C"`,

  // Who of the entitled took part, open rounds too (public live); never a choice or a tracker.
  secret_participation: `
    SELECT e.round_id, r.election_id, r.round, e.delegate_id, d.full_name AS delegate_name,
      c.code AS delegate_constituency_code, c.name AS delegate_constituency,
      (p.delegate_id IS NOT NULL) AS participated
    FROM election_entitlements e
    JOIN election_rounds r ON r.id = e.round_id
    JOIN delegates d ON d.id = e.delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    LEFT JOIN secret_participation p ON p.round_id = e.round_id AND p.delegate_id = e.delegate_id
    ORDER BY r.opened_at, r.id, c.code, d.full_name, d.id`,

  // A secret question's published list (closed votes only: the table is written at the close), tracker order.
  secret_question_ballots: `
    SELECT b.vote_id, v.session_id, m.number AS motion_number, b.tracker, b.choice
    FROM secret_question_ballots b
    JOIN votes v ON v.id = b.vote_id AND v.status = 'closed'
    LEFT JOIN motions m ON m.id = v.motion_id
    ORDER BY v.opened_at, v.id, b.tracker COLLATE "C"`,

  // Who of the entitled took part in each secret question, open ones too; never a choice or a tracker.
  secret_question_participation: `
    SELECT e.vote_id, v.session_id, m.number AS motion_number, e.delegate_id, d.full_name AS delegate_name,
      c.code AS delegate_constituency_code, c.name AS delegate_constituency,
      (p.delegate_id IS NOT NULL) AS participated
    FROM vote_entitlements e
    JOIN votes v ON v.id = e.vote_id AND v.secret
    JOIN delegates d ON d.id = e.delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    LEFT JOIN motions m ON m.id = v.motion_id
    LEFT JOIN secret_question_participation p ON p.vote_id = e.vote_id AND p.delegate_id = e.delegate_id
    ORDER BY v.opened_at, v.id, c.code, d.full_name, d.id`,
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
