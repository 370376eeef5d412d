import { assemblyToday, type ComplianceOverduePayload } from '#domain';
import {
  markApproachingCompliance,
  markOverdueCompliance,
  notifyInstitutions,
  readRulesInForce,
} from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * Daily, idempotent: compliance whose deadline passed unfulfilled becomes `overdue` (in the public
 * record, and the institution is told); institutions are warned once when a deadline is near (the
 * reglamento's warning days; the configured ones only before the API's first start adopted it).
 */
export async function sweepOverdueCompliance(
  uow: UnitOfWork,
  settings: { deadlineLeadDays: number },
): Promise<{ overdue: number; approaching: number }> {
  const today = assemblyToday();
  const overdue = await markOverdueCompliance(uow.m, today);
  for (const track of overdue) {
    const payload: ComplianceOverduePayload = {
      resolutionNumber: track.number,
      institutionCode: track.code,
      status: 'overdue',
      progress: track.progress,
      deadline: track.deadline,
    };
    await uow.record({ type: 'compliance.overdue', actor: null, payload });
    await notifyInstitutions(
      uow.m,
      [track.institution_id],
      'compliance.overdue',
      `compliance.overdue:${track.number}:${track.code}`,
      () => ({ ...payload, title: track.title }),
    );
  }
  if (overdue.length > 0) uow.publicReadsChanged();
  const leadDays = (await readRulesInForce(uow.m))?.rules.compliance.warningDays ?? settings.deadlineLeadDays;
  const approaching = await markApproachingCompliance(uow.m, today, leadDays);
  for (const track of approaching) {
    await notifyInstitutions(
      uow.m,
      [track.institution_id],
      'deadline.approaching',
      `deadline.approaching:${track.number}:${track.code}:${track.deadline}`,
      () => ({
        resolutionNumber: track.number,
        title: track.title,
        institutionCode: track.code,
        deadline: track.deadline,
        progress: track.progress,
      }),
    );
  }
  return { overdue: overdue.length, approaching: approaching.length };
}
