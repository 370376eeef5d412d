import type { ObligationView } from '#contracts';
import { readObligationRows, type ObligationDbRow } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { Obligation } from './compliance-summary.js';

export type { ObligationView };

export interface ObligationRow extends Obligation {
  view: ObligationView;
}

const toObligation = (row: ObligationDbRow): ObligationRow => ({
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

/** Every resolution × bound institution pair asked for, with its compliance as the public sees it. */
export async function readObligations(
  source: DataSource | EntityManager,
  filter: { resolutionIds: string[] } | { institutionId: string } | 'all',
): Promise<ObligationRow[]> {
  return (await readObligationRows(source, filter)).map(toObligation);
}
