import { ALTERNATE_PROBLEM_TEXT, alternateProblem, DomainError, type DelegateSeat } from '#domain';
import {
  alternateOfTitular,
  constituencyExists,
  constraintViolation,
  delegateHasAlternate,
  lockDelegate,
  type DelegateEntity,
} from '#persistence';
import type { EntityManager } from 'typeorm';

function toSeat(
  row: Pick<DelegateEntity, 'id' | 'constituencyCode' | 'status' | 'alternateOfId' | 'termStart' | 'termEnd'>,
): DelegateSeat {
  return {
    id: row.id,
    constituencyCode: row.constituencyCode,
    status: row.status,
    alternateOfId: row.alternateOfId,
    termStart: row.termStart,
    termEnd: row.termEnd,
  };
}

export async function checkConstituency(m: EntityManager, code: string): Promise<void> {
  if (!(await constituencyExists(m, code))) {
    throw new DomainError('CONSTITUENCY_NOT_FOUND', { code });
  }
}

/** The titular (locked until commit) must be able to take this delegate as their alternate. */
export async function checkAlternate(
  m: EntityManager,
  candidateId: string | undefined,
  constituencyCode: string,
  titularId: string,
): Promise<void> {
  const titular = await lockDelegate(m, titularId);
  const currentAlternate = titular ? await alternateOfTitular(m, titular.id) : null;
  const hasOwnAlternate = candidateId ? await delegateHasAlternate(m, candidateId) : false;
  const problem = alternateProblem(
    { id: candidateId, constituencyCode, hasOwnAlternate },
    titular ? { ...toSeat(titular), currentAlternateId: currentAlternate?.id ?? null } : undefined,
  );
  if (problem)
    throw new DomainError('ALTERNATE_INVALID', { reason: ALTERNATE_PROBLEM_TEXT[problem] }, { problem });
}

/** What a refused delegate write means (a unique index the checks above could not see coming). */
export function delegateWriteRefusal(error: unknown, documentId: string): unknown {
  const { code, constraint } = constraintViolation(error);
  if (code === '23505' && constraint?.includes('document_id'))
    return new DomainError('DOCUMENT_ID_TAKEN', { documentId });
  if (code === '23505' && constraint?.includes('user_id')) return new DomainError('USER_ALREADY_DELEGATE');
  if (code === '23505' && constraint === 'delegates_one_alternate_idx') {
    return new DomainError('ALTERNATE_INVALID', { reason: ALTERNATE_PROBLEM_TEXT.titular_has_alternate });
  }
  return error;
}
