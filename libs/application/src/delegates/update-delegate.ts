import { DomainError, isTermValid } from '#domain';
import { lockDelegate, writeDelegate } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { checkAlternate, checkConstituency, delegateWriteRefusal } from './delegate-rules.js';
import { readDelegateView, type DelegateView } from './delegate-view.js';
import type { DelegateInput } from './seat-delegate.js';

export type DelegateChanges = Partial<Omit<DelegateInput, 'documentId' | 'email'>>;

/** Province, term, status or alternate link of a delegate (locked first, then their titular). */
export async function updateDelegate(
  uow: UnitOfWork,
  id: string,
  changes: DelegateChanges,
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
  await checkConstituency(m, next.constituencyCode);
  if (!isTermValid(next.termStart, next.termEnd)) throw new DomainError('TERM_INVALID');
  if (next.alternateOfId) await checkAlternate(m, id, next.constituencyCode, next.alternateOfId);
  try {
    await writeDelegate(m, id, next);
  } catch (error) {
    throw delegateWriteRefusal(error, current.documentId);
  }
  return readDelegateView(m, id, true);
}
