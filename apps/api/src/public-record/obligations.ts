import type { ComplianceStatus, ObligationView } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { Obligation } from './compliance-summary.js';

export type { ObligationView };

export interface ObligationRow extends Obligation {
  view: ObligationView;
}

interface Row {
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

const toObligation = (row: Row): ObligationRow => ({
  resolutionId: row.resolution_id,
  institutionId: row.institution_id,
  status: row.status,
  progress: row.progress,
  view: {
    institution: { code: row.institution_code, name: row.institution_name },
    status: row.status,
    progress: row.progress,
    deadline: row.deadline,
    lastReportedAt: row.last_reported_at?.toISOString() ?? null,
    reports: row.reports,
    fulfilledAt: row.fulfilled_at?.toISOString() ?? null,
  },
});

export async function readObligations(
  source: DataSource | EntityManager,
  filter: { resolutionIds: string[] } | { institutionId: string },
): Promise<ObligationRow[]> {
  if ('resolutionIds' in filter && filter.resolutionIds.length === 0) return [];
  const rows: Row[] =
    'resolutionIds' in filter
      ? await source.query(
          `${SELECT_OBLIGATIONS} WHERE ri.resolution_id = ANY ($1::uuid[]) ORDER BY r.year, r.sequence, i.code`,
          [filter.resolutionIds],
        )
      : await source.query(
          `${SELECT_OBLIGATIONS} WHERE ri.institution_id = $1 ORDER BY r.year, r.sequence, i.code`,
          [filter.institutionId],
        );
  return rows.map(toObligation);
}
