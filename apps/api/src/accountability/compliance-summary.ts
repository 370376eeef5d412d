/** How far binding resolutions are being served: pure arithmetic over compliance obligations. */
import type { ComplianceStatus, ComplianceSummary, StatusCounts } from '#contracts';

export type { ComplianceStatus, ComplianceSummary, StatusCounts };

/** One obligation: a resolution binding one institution, with where its compliance stands. */
export interface Obligation {
  resolutionId: string;
  institutionId: string;
  status: ComplianceStatus;
  progress: number;
}

const zeroCounts = (): StatusCounts => ({ pending: 0, in_progress: 0, fulfilled: 0, overdue: 0 });

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : round(part / whole, 4);

export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : round(values.reduce((sum, v) => sum + v, 0) / values.length, 2);

/**
 * A resolution's status across its bound institutions: overdue if any is overdue, fulfilled when all
 * are, pending while none has started, otherwise in progress; null when it binds no institution.
 */
export function overallStatus(statuses: readonly ComplianceStatus[]): ComplianceStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.includes('overdue')) return 'overdue';
  if (statuses.every((s) => s === 'fulfilled')) return 'fulfilled';
  if (statuses.every((s) => s === 'pending')) return 'pending';
  return 'in_progress';
}

/** Summarises the given resolutions and their obligations; duplicates (same pair twice) count once. */
export function summarizeCompliance(
  resolutionIds: Iterable<string>,
  obligations: readonly Obligation[],
): ComplianceSummary {
  const unique = new Map<string, Obligation>();
  for (const o of obligations) unique.set(`${o.resolutionId}/${o.institutionId}`, o);
  const byResolution = new Map<string, ComplianceStatus[]>();
  for (const id of resolutionIds) byResolution.set(id, []);
  const obligationsByStatus = zeroCounts();
  for (const o of unique.values()) {
    obligationsByStatus[o.status] += 1;
    const statuses = byResolution.get(o.resolutionId) ?? [];
    statuses.push(o.status);
    byResolution.set(o.resolutionId, statuses);
  }
  const resolutionsByStatus = zeroCounts();
  let untrackedResolutions = 0;
  for (const statuses of byResolution.values()) {
    const status = overallStatus(statuses);
    if (status) resolutionsByStatus[status] += 1;
    else untrackedResolutions += 1;
  }
  const all = [...unique.values()];
  return {
    resolutions: byResolution.size,
    resolutionsByStatus,
    untrackedResolutions,
    obligations: all.length,
    obligationsByStatus,
    overdue: obligationsByStatus.overdue,
    fulfilledRate: ratio(obligationsByStatus.fulfilled, all.length),
    meanProgress: mean(all.map((o) => o.progress)),
  };
}
