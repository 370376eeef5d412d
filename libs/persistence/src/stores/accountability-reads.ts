import type {
  ComplianceStatus,
  DelegateRecord,
  DimensionAccountability,
  InstitutionAccountability,
  ObjectiveAccountability,
  SessionRecord,
} from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

// ---- Delegates ----

export async function readDelegateHeading(
  source: Source,
  delegateId: string,
): Promise<DelegateRecord['delegate'] | undefined> {
  const [delegate]: DelegateRecord['delegate'][] = await source.query(
    `SELECT d.id, d.full_name AS "fullName", json_build_object('code', c.code, 'name', c.name) AS constituency,
       d.organization, to_char(d.term_start, 'YYYY-MM-DD') AS "termStart",
       to_char(d.term_end, 'YYYY-MM-DD') AS "termEnd", d.status,
       CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'fullName', t.full_name) END
         AS "alternateOf",
       CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'fullName', a.full_name) END
         AS alternate
     FROM delegates d JOIN constituencies c ON c.code = d.constituency_code
     LEFT JOIN delegates t ON t.id = d.alternate_of_id
     LEFT JOIN delegates a ON a.alternate_of_id = d.id
     WHERE d.id = $1`,
    [delegateId],
  );
  return delegate;
}

/** Sessions count from the day they opened in Cajamarca, against the delegate's term (YYYY-MM-DD). */
export function readDelegateAttendance(
  source: Source,
  delegateId: string,
  termStart: string,
  termEnd: string,
): Promise<DelegateRecord['attendance']['sessions']> {
  return source.query(
    `SELECT s.id AS "sessionId", s.title, s.opened_at AS "openedAt", coalesce(a.present, false) AS present
     FROM sessions s LEFT JOIN attendance a ON a.session_id = s.id AND a.delegate_id = $1
     WHERE s.opened_at IS NOT NULL
       AND (s.opened_at AT TIME ZONE 'America/Lima')::date BETWEEN $2::date AND $3::date
     ORDER BY s.opened_at DESC, s.id`,
    [delegateId, termStart, termEnd],
  );
}

/** Every closed vote the delegate was entitled to, newest first, with the ballot that counted. */
export function readDelegateVotes(source: Source, delegateId: string): Promise<DelegateRecord['votes']> {
  return source.query(
    `SELECT v.id AS "voteId", v.session_id AS "sessionId", v.kind, v.question, v.motion_id AS "motionId",
       mo.number AS "motionNumber", v.outcome, r.number AS "resolutionNumber", v.closed_at AS "closedAt",
       b.choice,
       CASE WHEN e.seat_titular_id <> e.delegate_id THEN e.seat_titular_id END AS "onBehalfOf"
     FROM vote_entitlements e
     JOIN votes v ON v.id = e.vote_id AND v.status = 'closed'
     LEFT JOIN ballots b ON b.vote_id = e.vote_id AND b.delegate_id = e.delegate_id
     LEFT JOIN motions mo ON mo.id = v.motion_id
     LEFT JOIN resolutions r ON r.vote_id = v.id
     WHERE e.delegate_id = $1
       AND NOT v.secret -- a secret question's choice is nobody's record (its participation list is public)
     ORDER BY v.closed_at DESC, v.id`,
    [delegateId],
  );
}

// ---- Institutions ----

export async function readInstitutionHeading(
  source: Source,
  code: string,
): Promise<InstitutionAccountability['institution'] | undefined> {
  const [institution]: InstitutionAccountability['institution'][] = await source.query(
    `SELECT id, code, name, kind, active FROM institutions WHERE code = $1`,
    [code],
  );
  return institution;
}

export type BoundResolutionRow = Pick<
  InstitutionAccountability['resolutions'][number],
  'id' | 'number' | 'title' | 'issuedAt' | 'sessionId' | 'motionId' | 'objectives'
>;

/** Every resolution that binds the institution, oldest first. */
export function readBoundResolutions(source: Source, institutionId: string): Promise<BoundResolutionRow[]> {
  return source.query(
    `SELECT r.id, r.number, r.title, r.issued_at AS "issuedAt", r.session_id AS "sessionId",
       r.motion_id AS "motionId",
       ARRAY(SELECT o.objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1)
         AS objectives
     FROM resolution_institutions ri JOIN resolutions r ON r.id = ri.resolution_id
     WHERE ri.institution_id = $1
     ORDER BY r.year, r.sequence`,
    [institutionId],
  );
}

// ---- Obligations: a resolution binding one institution ----

export interface ObligationDbRow {
  resolution_id: string;
  institution_id: string;
  institution_code: string;
  institution_name: string;
  status: ComplianceStatus;
  progress: number;
  deadline: string | null;
  fulfilled_at: Date | null;
  last_reported_at: Date | null;
  reports: number;
}

/**
 * Every resolution × bound institution pair, with its compliance. A pair whose compliance row does not
 * exist yet reads as pending at 0% with the resolution's deadline: binding starts when it is issued.
 */
const SELECT_OBLIGATIONS = `
  SELECT ri.resolution_id, ri.institution_id, i.code AS institution_code, i.name AS institution_name,
    coalesce(c.status, 'pending') AS status, coalesce(c.progress, 0) AS progress,
    to_char(coalesce(c.deadline, r.compliance_deadline), 'YYYY-MM-DD') AS deadline, c.fulfilled_at,
    rep.last_reported_at, rep.reports
  FROM resolution_institutions ri
  JOIN resolutions r ON r.id = ri.resolution_id
  JOIN institutions i ON i.id = ri.institution_id
  LEFT JOIN compliance c ON c.resolution_id = ri.resolution_id AND c.institution_id = ri.institution_id
  CROSS JOIN LATERAL (
    SELECT max(cr.reported_at) AS last_reported_at, count(*)::int AS reports
    FROM compliance_reports cr
    WHERE cr.resolution_id = ri.resolution_id AND cr.institution_id = ri.institution_id) rep`;

/** The obligations of some resolutions, or of one institution: by resolution number, then institution code. */
export async function readObligationRows(
  source: Source,
  filter: { resolutionIds: string[] } | { institutionId: string } | 'all',
): Promise<ObligationDbRow[]> {
  if (filter === 'all') return source.query(`${SELECT_OBLIGATIONS} ORDER BY r.year, r.sequence, i.code`);
  if ('resolutionIds' in filter && filter.resolutionIds.length === 0) return [];
  return 'resolutionIds' in filter
    ? source.query(
        `${SELECT_OBLIGATIONS} WHERE ri.resolution_id = ANY ($1::uuid[]) ORDER BY r.year, r.sequence, i.code`,
        [filter.resolutionIds],
      )
    : source.query(`${SELECT_OBLIGATIONS} WHERE ri.institution_id = $1 ORDER BY r.year, r.sequence, i.code`, [
        filter.institutionId,
      ]);
}

// ---- The plan: objectives and dimensions ----

export interface ObjectiveHeadingRow {
  code: string;
  number: number;
  text: string;
  theme_code: string;
  theme_name: string;
  dimension_code: string;
  dimension_name: string;
}

export async function readObjectiveHeading(
  source: Source,
  code: string,
): Promise<ObjectiveHeadingRow | undefined> {
  const [row]: ObjectiveHeadingRow[] = await source.query(
    `SELECT o.code, o.number, o.text, t.code AS theme_code, t.name AS theme_name,
       d.code AS dimension_code, d.name AS dimension_name
     FROM plan_objectives o JOIN plan_themes t ON t.code = o.theme_code
     JOIN plan_dimensions d ON d.code = t.dimension_code
     WHERE o.code = $1`,
    [code],
  );
  return row;
}

/** Filed motions (numbered) that name the objective, in the order they were numbered. */
export function readObjectiveMotions(
  source: Source,
  code: string,
): Promise<ObjectiveAccountability['motions']> {
  return source.query(
    `SELECT mo.id, mo.number, mo.title, mo.status, mo.parent_id AS "parentId", mo.filed_at AS "filedAt",
       json_build_object('delegateId', d.id, 'name', d.full_name) AS author
     FROM motion_objectives link JOIN motions mo ON mo.id = link.motion_id
     JOIN delegates d ON d.id = mo.author_delegate_id
     WHERE link.objective_code = $1 AND mo.number IS NOT NULL
     ORDER BY mo.year, mo.sequence`,
    [code],
  );
}

export type ObjectiveResolutionRow = Omit<
  ObjectiveAccountability['resolutions'][number],
  'status' | 'progress' | 'compliance'
>;

export function readObjectiveResolutions(source: Source, code: string): Promise<ObjectiveResolutionRow[]> {
  return source.query(
    `SELECT r.id, r.number, r.title, r.issued_at AS "issuedAt", r.session_id AS "sessionId",
         r.motion_id AS "motionId", r.vote_id AS "voteId",
         to_char(r.compliance_deadline, 'YYYY-MM-DD') AS "complianceDeadline"
       FROM resolution_objectives link JOIN resolutions r ON r.id = link.resolution_id
       WHERE link.objective_code = $1
       ORDER BY r.year, r.sequence`,
    [code],
  );
}

export async function readDimensionHeading(
  source: Source,
  code: string,
): Promise<DimensionAccountability['dimension'] | undefined> {
  const [dimension]: DimensionAccountability['dimension'][] = await source.query(
    `SELECT code, number, name FROM plan_dimensions WHERE code = $1`,
    [code],
  );
  return dimension;
}

/** Every dimension of the plan, in its order. */
export function readDimensionHeadings(source: Source): Promise<DimensionAccountability['dimension'][]> {
  return source.query(`SELECT code, number, name FROM plan_dimensions ORDER BY number`);
}

export interface DimensionObjectiveRow {
  code: string;
  number: number;
  text: string;
  theme_code: string;
  theme_name: string;
  dimension_code: string;
}

/** The objectives of a dimension, or of the whole plan when `code` is null, in the plan's order. */
export function readDimensionObjectives(
  source: Source,
  code: string | null,
): Promise<DimensionObjectiveRow[]> {
  return source.query(
    `SELECT o.code, o.number, o.text, t.code AS theme_code, t.name AS theme_name,
         t.dimension_code AS dimension_code
       FROM plan_objectives o JOIN plan_themes t ON t.code = o.theme_code
       JOIN plan_dimensions d ON d.code = t.dimension_code
       WHERE $1::text IS NULL OR t.dimension_code = $1
       ORDER BY d.number, t.position, o.number`,
    [code],
  );
}

export interface ObjectiveMotionLinkRow {
  objective_code: string;
  dimension_code: string;
  id: string;
  status: string;
}

/** Filed motions linked to the dimension's objectives (all of the plan's when `code` is null), once per objective. */
export function readDimensionMotionLinks(
  source: Source,
  code: string | null,
): Promise<ObjectiveMotionLinkRow[]> {
  return source.query(
    `SELECT link.objective_code, t.dimension_code, mo.id, mo.status
     FROM motion_objectives link JOIN motions mo ON mo.id = link.motion_id
     JOIN plan_objectives o ON o.code = link.objective_code JOIN plan_themes t ON t.code = o.theme_code
     WHERE ($1::text IS NULL OR t.dimension_code = $1) AND mo.number IS NOT NULL`,
    [code],
  );
}

export interface ObjectiveResolutionLinkRow {
  objective_code: string;
  dimension_code: string;
  resolution_id: string;
}

export function readDimensionResolutionLinks(
  source: Source,
  code: string | null,
): Promise<ObjectiveResolutionLinkRow[]> {
  return source.query(
    `SELECT link.objective_code, t.dimension_code, link.resolution_id
     FROM resolution_objectives link
     JOIN plan_objectives o ON o.code = link.objective_code JOIN plan_themes t ON t.code = o.theme_code
     WHERE $1::text IS NULL OR t.dimension_code = $1`,
    [code],
  );
}

// ---- Sessions ----

/** Everyone with an attendance entry, by province then name. */
export function readSessionAttendanceRecord(
  source: Source,
  sessionId: string,
): Promise<SessionRecord['attendance']['delegates']> {
  return source.query(
    `SELECT a.delegate_id AS "delegateId", d.full_name AS name, c.name AS constituency, a.present,
       a.recorded_by AS "recordedBy", a.updated_at AS "updatedAt"
     FROM attendance a JOIN delegates d ON d.id = a.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     WHERE a.session_id = $1 ORDER BY c.name, d.full_name, a.delegate_id`,
    [sessionId],
  );
}

export function readSessionAgendaRecord(source: Source, sessionId: string): Promise<SessionRecord['agenda']> {
  return source.query(
    `SELECT i.id, i.position, i.kind, i.title, i.status, i.motion_id AS "motionId",
       mo.number AS "motionNumber"
     FROM agenda_items i LEFT JOIN motions mo ON mo.id = i.motion_id
     WHERE i.session_id = $1 ORDER BY i.position`,
    [sessionId],
  );
}

export function readSessionSpeeches(source: Source, sessionId: string): Promise<SessionRecord['speeches']> {
  return source.query(
    `SELECT s.id, s.item_id AS "itemId", s.delegate_id AS "delegateId", d.full_name AS name,
       c.name AS constituency, s.stance, r.requested_at AS "requestedAt", s.started_at AS "startedAt",
       s.ends_at AS "endsAt", s.ended_at AS "endedAt", s.ended_by AS "endedBy"
     FROM speeches s JOIN delegates d ON d.id = s.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     LEFT JOIN speaker_requests r ON r.id = s.request_id
     WHERE s.session_id = $1 ORDER BY s.started_at, s.id`,
    [sessionId],
  );
}

export function readSessionResolutions(
  source: Source,
  sessionId: string,
): Promise<SessionRecord['resolutions']> {
  return source.query(
    `SELECT id, number, title, issued_at AS "issuedAt", motion_id AS "motionId", vote_id AS "voteId",
       to_char(compliance_deadline, 'YYYY-MM-DD') AS "complianceDeadline", digest
     FROM resolutions WHERE session_id = $1 ORDER BY year, sequence`,
    [sessionId],
  );
}
