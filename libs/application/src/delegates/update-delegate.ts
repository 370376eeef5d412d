import { assemblyToday, DomainError, isStatusDateValid, isTermValid } from '#domain';
import { lockDelegate, writeDelegate, writeDelegateStatusFacts } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { checkAlternate, checkConstituency, delegateWriteRefusal } from './delegate-rules.js';
import { readDelegateView, type DelegateView } from './delegate-view.js';
import type { DelegateInput } from './seat-delegate.js';

export type DelegateChanges = Partial<Omit<DelegateInput, 'documentId' | 'email'>> & {
  /** The day a change of status takes effect (YYYY-MM-DD; today when omitted). */
  statusDate?: string;
  /** Why the status changes (public: it goes into the record). */
  statusReason?: string;
};

/**
 * Province, term, status or alternate link of a delegate (locked first, then their titular). A change
 * of status is a public fact: the record gets `delegate.status_changed` with its date and reason.
 */
export async function updateDelegate(
  uow: UnitOfWork,
  id: string,
  changes: DelegateChanges,
  actor: string | null = null,
): Promise<DelegateView> {
  const { m } = uow;
  const current = await lockDelegate(m, id);
  if (!current) throw new DomainError('DELEGATE_NOT_FOUND');
  const next = {
    fullName: changes.fullName?.trim() ?? current.fullName,
    constituencyCode: changes.constituencyCode ?? current.constituencyCode,
    organization:
      changes.organization !== undefined ? changes.organization?.trim() || null : current.organization,
    termStart: changes.termStart ?? current.termStart,
    termEnd: changes.termEnd ?? current.termEnd,
    status: changes.status ?? current.status,
    alternateOfId: changes.alternateOfId !== undefined ? changes.alternateOfId : current.alternateOfId,
  };
  const statusChanged = next.status !== current.status;
  const dated = changes.statusDate !== undefined || changes.statusReason !== undefined;
  if (dated && !statusChanged) throw new DomainError('STATUS_NOT_CHANGED', { status: current.status });
  const today = assemblyToday();
  const effectiveOn = changes.statusDate ?? today;
  if (statusChanged && !isStatusDateValid(effectiveOn, next.termStart, today))
    throw new DomainError('STATUS_DATE_INVALID', { date: effectiveOn, termStart: next.termStart });
  await checkConstituency(m, next.constituencyCode);
  if (!isTermValid(next.termStart, next.termEnd)) throw new DomainError('TERM_INVALID');
  if (next.alternateOfId) await checkAlternate(m, id, next.constituencyCode, next.alternateOfId);
  try {
    await writeDelegate(m, id, next);
  } catch (error) {
    throw delegateWriteRefusal(error, current.documentId);
  }
  if (statusChanged) {
    const reason = changes.statusReason?.trim() || null;
    if (reason !== null && reason.length < 3)
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'statusReason', problems: ['statusReason must be at least 3 characters'] },
      ]);
    await writeDelegateStatusFacts(m, id, effectiveOn, reason);
    await uow.record({
      type: 'delegate.status_changed',
      actor,
      payload: { delegateId: id, from: current.status, to: next.status, effectiveOn, reason },
    });
  }
  return readDelegateView(m, id, true);
}
