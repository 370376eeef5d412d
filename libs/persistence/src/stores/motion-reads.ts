import type { MotionDetail } from '#contracts';
import type { MotionStatus } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

/** The delegate a signed-in user is, if any. */
export async function readDelegateIdOfUser(source: Source, userId: string): Promise<string | null> {
  const rows: { id: string }[] = await source.query(`SELECT id FROM delegates WHERE user_id = $1`, [userId]);
  return rows[0]?.id ?? null;
}

export interface MotionSummaryRow {
  id: string;
  number: string | null;
  parent_id: string | null;
  title: string;
  status: MotionStatus;
  author_delegate_id: string;
  author_name: string;
  constituency_code: string;
  constituency_name: string;
  objectives: string[];
  institutions: string[];
  compliance_deadline: string | null;
  cosponsor_count: number;
  filed_at: Date | null;
  created_at: Date;
  /** The page's sort key: the filing (or creation) instant as text, or the search rank. */
  sort_key: string | number;
  rank: number | null;
}

function selectSummaries(
  source: Source,
  where: string,
  tail: string,
  params: unknown[],
  sortKey = 'NULL',
  rank = 'NULL::real',
): Promise<MotionSummaryRow[]> {
  return source.query(
    `SELECT m.id, m.number, m.parent_id, m.title, m.status, m.author_delegate_id, d.full_name AS author_name,
            d.constituency_code, c.name AS constituency_name,
            ARRAY(SELECT objective_code FROM motion_objectives WHERE motion_id = m.id ORDER BY 1) AS objectives,
            ARRAY(SELECT i.code FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id
                  WHERE mi.motion_id = m.id ORDER BY 1) AS institutions,
            to_char(m.compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline,
            (SELECT count(*)::int FROM motion_cosponsors WHERE motion_id = m.id) AS cosponsor_count,
            m.filed_at, m.created_at, ${sortKey} AS sort_key, ${rank} AS rank
     FROM motions m JOIN delegates d ON d.id = m.author_delegate_id JOIN constituencies c ON c.code = d.constituency_code
     WHERE ${where} ${tail}`,
    params,
  );
}

export interface MotionPageQuery {
  status?: MotionStatus;
  objective?: string;
  dimension?: string;
  theme?: string;
  institution?: string;
  author?: string;
  constituency?: string;
  /** Search words; set only when searching (the page is then ranked). */
  search?: string;
  /** Who is asking: a `draft` listing shows their own drafts only. */
  viewerDelegateId: string | null;
  /** Keyset: only rows after this (sort key, id), as a previous page's last row gave them. */
  after?: [string | number, string];
  /** Rows to answer at most. */
  take: number;
}

/**
 * One page of motion summaries, newest filed first or by search rank (title weighs more than body, body
 * more than rationale), then by id, so pages neither repeat nor skip rows while new motions arrive.
 */
export function readMotionSummaryPage(source: Source, query: MotionPageQuery): Promise<MotionSummaryRow[]> {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  // Public means filed at some point (it has a number); a draft, even withdrawn, stays its author's.
  if (query.status === 'draft')
    where.push(`m.status = 'draft' AND m.author_delegate_id = ${p(query.viewerDelegateId)}`);
  else if (query.status) where.push(`m.status = ${p(query.status)} AND m.number IS NOT NULL`);
  else where.push(`m.number IS NOT NULL`);
  if (query.objective)
    where.push(
      `EXISTS (SELECT 1 FROM motion_objectives mo WHERE mo.motion_id = m.id AND mo.objective_code = ${p(query.objective)})`,
    );
  if (query.theme || query.dimension) {
    const conditions = [
      query.theme ? `o.theme_code = ${p(query.theme)}` : null,
      query.dimension ? `t.dimension_code = ${p(query.dimension)}` : null,
    ].filter(Boolean);
    where.push(`EXISTS (SELECT 1 FROM motion_objectives mo JOIN plan_objectives o ON o.code = mo.objective_code
      JOIN plan_themes t ON t.code = o.theme_code WHERE mo.motion_id = m.id AND ${conditions.join(' AND ')})`);
  }
  if (query.institution) {
    where.push(`EXISTS (SELECT 1 FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id
      WHERE mi.motion_id = m.id AND i.code = ${p(query.institution)})`);
  }
  if (query.author) where.push(`m.author_delegate_id = ${p(query.author)}`);
  if (query.constituency) where.push(`d.constituency_code = ${p(query.constituency)}`);

  let sortKey = `to_char(coalesce(m.filed_at, m.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
  let rank = 'NULL::real';
  if (query.search !== undefined) {
    const tsquery = `websearch_to_tsquery('asamblea_es', ${p(query.search)})`;
    where.push(`m.search_vector @@ ${tsquery}`);
    rank = `ts_rank(m.search_vector, ${tsquery})`;
    sortKey = rank;
  }
  if (query.after) {
    const [key, id] = query.after;
    where.push(`(${sortKey}, m.id::text) < (${p(key)}, ${p(id)})`);
  }
  return selectSummaries(
    source,
    where.join(' AND '),
    `ORDER BY ${sortKey} DESC, m.id::text DESC LIMIT ${p(query.take)}`,
    params,
    sortKey,
    rank,
  );
}

export async function readMotionSummary(source: Source, id: string): Promise<MotionSummaryRow | undefined> {
  const [row] = await selectSummaries(source, 'm.id = $1', '', [id]);
  return row;
}

export interface MotionKeyRow {
  id: string;
  number: string | null;
  author_delegate_id: string;
}

/** A motion found by its number (upper case) or its id. */
export async function readMotionKey(
  source: Source,
  key: { number: string } | { id: string },
): Promise<MotionKeyRow | undefined> {
  const rows: MotionKeyRow[] =
    'number' in key
      ? await source.query(`SELECT id, number, author_delegate_id FROM motions WHERE number = $1`, [
          key.number,
        ])
      : await source.query(`SELECT id, number, author_delegate_id FROM motions WHERE id = $1`, [key.id]);
  return rows[0];
}

export interface MotionTextRow {
  body: string;
  rationale: string;
  amendment_changes: unknown;
  inadmissible_reason: string | null;
  decision: string | null;
  current_version: number;
}

export async function readMotionText(source: Source, id: string): Promise<MotionTextRow> {
  const [detail]: MotionTextRow[] = await source.query(
    `SELECT body, rationale, amendment_changes, inadmissible_reason, current_version, decision FROM motions WHERE id = $1`,
    [id],
  );
  return detail!;
}

export interface MotionVersionRow {
  version: number;
  title: string;
  body: string;
  rationale: string;
  amendment_id: string | null;
  created_at: Date;
}

export function readMotionVersions(source: Source, id: string): Promise<MotionVersionRow[]> {
  return source.query(
    `SELECT version, title, body, rationale, amendment_id, created_at FROM motion_versions WHERE motion_id = $1 ORDER BY version`,
    [id],
  );
}

export interface MotionCosponsorRow {
  delegate_id: string;
  full_name: string;
  created_at: Date;
}

export function readMotionCosponsors(source: Source, id: string): Promise<MotionCosponsorRow[]> {
  return source.query(
    `SELECT mc.delegate_id, d.full_name, mc.created_at FROM motion_cosponsors mc JOIN delegates d ON d.id = mc.delegate_id
       WHERE mc.motion_id = $1 ORDER BY mc.created_at, mc.delegate_id`,
    [id],
  );
}

/** Its filed amendments, in the order they were filed. */
export function readFiledAmendments(source: Source, id: string): Promise<MotionDetail['amendments']> {
  return source.query(
    `SELECT id, number, status, title FROM motions WHERE parent_id = $1 AND number IS NOT NULL ORDER BY filed_at, id`,
    [id],
  );
}

/** The latest agenda item that carries the motion, with its session. */
export async function readLatestMotionItem(
  source: Source,
  motionId: string,
): Promise<MotionDetail['agendaItem']> {
  const items: NonNullable<MotionDetail['agendaItem']>[] = await source.query(
    `SELECT s.id AS "sessionId", s.title AS "sessionTitle", s.status AS "sessionStatus",
            ai.id AS "itemId", ai.status AS "itemStatus"
     FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
     WHERE ai.motion_id = $1 ORDER BY ai.created_at DESC, ai.id DESC LIMIT 1`,
    [motionId],
  );
  return items[0] ?? null;
}

export interface MotionVoteRow {
  id: string;
  status: 'open' | 'closed';
  outcome: 'adopted' | 'rejected' | null;
  closed_at: Date | null;
}

export function readMotionVotes(source: Source, motionId: string): Promise<MotionVoteRow[]> {
  return source.query(
    `SELECT id, status, outcome, closed_at FROM votes WHERE motion_id = $1 ORDER BY opened_at, id`,
    [motionId],
  );
}

/** The number of the resolution the motion became, if any. */
export async function readMotionResolutionNumber(source: Source, motionId: string): Promise<string | null> {
  const rows: { number: string }[] = await source.query(
    `SELECT number FROM resolutions WHERE motion_id = $1`,
    [motionId],
  );
  return rows[0]?.number ?? null;
}
