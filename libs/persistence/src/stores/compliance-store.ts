import type { ComplianceStatus, ComplianceTrack } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export async function resolutionIdByNumber(m: Source, number: string): Promise<string | undefined> {
  const [resolution]: { id: string }[] = await m.query(`SELECT id FROM resolutions WHERE number = $1`, [
    number,
  ]);
  return resolution?.id;
}

export async function institutionCodeById(m: Source, id: string | null): Promise<string | undefined> {
  const [own]: { code: string }[] = await m.query(`SELECT code FROM institutions WHERE id = $1`, [id]);
  return own?.code;
}

/** The institution's compliance row for the resolution, locked (FOR UPDATE) until commit. */
export async function lockComplianceTrack(
  m: EntityManager,
  resolutionId: string,
  institutionCode: string,
): Promise<{ status: ComplianceStatus; code: string } | undefined> {
  const [track]: { status: ComplianceStatus; code: string }[] = await m.query(
    `SELECT c.status, i.code FROM compliance c JOIN institutions i ON i.id = c.institution_id
     WHERE c.resolution_id = $1 AND i.code = $2 FOR UPDATE OF c`,
    [resolutionId, institutionCode],
  );
  return track;
}

export interface ComplianceReportColumns {
  resolutionId: string;
  institutionCode: string;
  progress: number;
  status: ComplianceStatus;
  body: string;
  evidence: string[];
  reportedBy: string;
  /** A liaison of the institution, or the secretariat on its behalf. */
  reportedAs: 'liaison' | 'secretariat';
  ledgerSequence: number;
}

/** Answers the new report's id. */
export async function insertComplianceReport(
  m: EntityManager,
  report: ComplianceReportColumns,
): Promise<string> {
  const [inserted]: { id: string }[] = await m.query(
    `INSERT INTO compliance_reports (resolution_id, institution_id, progress, status_after, body, evidence, reported_by, reported_as, ledger_sequence)
     SELECT $1, i.id, $3, $4, $5, $6, $7, $8, $9 FROM institutions i WHERE i.code = $2 RETURNING id`,
    [
      report.resolutionId,
      report.institutionCode,
      report.progress,
      report.status,
      report.body,
      report.evidence,
      report.reportedBy,
      report.reportedAs,
      report.ledgerSequence,
    ],
  );
  return inserted!.id;
}

export async function writeComplianceStatus(
  m: EntityManager,
  resolutionId: string,
  institutionCode: string,
  status: ComplianceStatus,
  progress: number,
): Promise<void> {
  await m.query(
    `UPDATE compliance SET status = $3, progress = $4, updated_at = now(),
       fulfilled_at = CASE WHEN $3 = 'fulfilled' THEN now() ELSE NULL END
     WHERE resolution_id = $1 AND institution_id = (SELECT id FROM institutions WHERE code = $2)`,
    [resolutionId, institutionCode, status, progress],
  );
}

/** A compliance row as the daily sweep reports it. */
export interface ComplianceSweepRow {
  resolution_id: string;
  institution_id: string;
  number: string;
  title: string;
  code: string;
  deadline: string;
  progress: number;
}

const SWEEP_ROW = `
  SELECT c.resolution_id, c.institution_id, r.number, r.title, i.code, to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.progress
  FROM compliance c JOIN resolutions r ON r.id = c.resolution_id JOIN institutions i ON i.id = c.institution_id`;

/** Marks `overdue` every pending or in-progress row whose deadline is before `today`; returns them. */
export async function markOverdueCompliance(m: EntityManager, today: string): Promise<ComplianceSweepRow[]> {
  return m.query(
    `WITH due AS (
       UPDATE compliance SET status = 'overdue', updated_at = now()
       WHERE status IN ('pending', 'in_progress') AND deadline < $1::date
       RETURNING resolution_id, institution_id)
     ${SWEEP_ROW} JOIN due USING (resolution_id, institution_id) ORDER BY r.number, i.code`,
    [today],
  );
}

/**
 * Stamps (once) every pending or in-progress row whose deadline falls within `leadDays` of `today`;
 * returns the rows stamped now.
 */
export async function markApproachingCompliance(
  m: EntityManager,
  today: string,
  leadDays: number,
): Promise<ComplianceSweepRow[]> {
  return m.query(
    `WITH near AS (
       UPDATE compliance SET approaching_notified_at = now()
       WHERE status IN ('pending', 'in_progress') AND approaching_notified_at IS NULL
         AND deadline BETWEEN $1::date AND $1::date + $2::int
       RETURNING resolution_id, institution_id)
     ${SWEEP_ROW} JOIN near USING (resolution_id, institution_id) ORDER BY r.number, i.code`,
    [today, leadDays],
  );
}

export type ComplianceTrackRow = Omit<ComplianceTrack, 'reports'> & {
  resolution_id: string;
  institution_id: string;
};

/** The resolution's compliance rows, by institution code. */
export async function complianceTrackRows(source: Source, number: string): Promise<ComplianceTrackRow[]> {
  return source.query(
    `SELECT c.resolution_id, c.institution_id, json_build_object('code', i.code, 'name', i.name) AS institution,
       c.status, c.progress, to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.updated_at AS "updatedAt",
       c.fulfilled_at AS "fulfilledAt"
     FROM compliance c JOIN resolutions r ON r.id = c.resolution_id JOIN institutions i ON i.id = c.institution_id
     WHERE r.number = $1 ORDER BY i.code`,
    [number],
  );
}

export async function resolutionNumberExists(source: Source, number: string): Promise<boolean> {
  const rows: unknown[] = await source.query(`SELECT 1 FROM resolutions WHERE number = $1`, [number]);
  return rows.length > 0;
}

export type ComplianceReportRow = ComplianceTrack['reports'][number] & { institution_id: string };

/** Every report on the resolution's compliance, oldest first, with its files and its record receipt. */
export async function complianceReportRows(source: Source, number: string): Promise<ComplianceReportRow[]> {
  return source.query(
    `SELECT cr.institution_id, cr.id, cr.progress, cr.status_after AS status, cr.body, cr.evidence,
       COALESCE((SELECT json_agg(json_build_object('sha256', f.sha256, 'fileName', f.file_name, 'size', f.size,
           'mediaType', f.media_type) ORDER BY rf.position)
         FROM compliance_report_files rf JOIN evidence_files f ON f.sha256 = rf.sha256
         WHERE rf.report_id = cr.id), '[]'::json) AS "evidenceFiles",
       cr.reported_at AS "reportedAt", u.display_name AS "reportedBy", cr.reported_as AS "reportedAs",
       e.hash AS receipt
     FROM compliance_reports cr JOIN resolutions r ON r.id = cr.resolution_id
     JOIN users u ON u.id = cr.reported_by JOIN ledger_events e ON e.sequence = cr.ledger_sequence
     WHERE r.number = $1 ORDER BY cr.reported_at, cr.id`,
    [number],
  );
}
