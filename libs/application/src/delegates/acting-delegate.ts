import { assemblyToday, DomainError } from '#domain';
import { lockSittingDelegateOfUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import type { Caller } from './caller.js';

export interface ActingDelegate {
  id: string;
  userId: string;
  constituencyCode: string;
}

/**
 * The delegate behind an account, locked for the caller's transaction so a suspension cannot slip in
 * between the check and the action. Suspended, ceased, out-of-term or unlinked: refused.
 */
export async function actingDelegate(
  uow: Pick<UnitOfWork, 'm'>,
  caller: Pick<Caller, 'id'>,
): Promise<ActingDelegate> {
  const row = await lockSittingDelegateOfUser(uow.m, caller.id, assemblyToday());
  if (!row) throw new DomainError('DELEGATE_NOT_ACTIVE');
  return { id: row.id, userId: caller.id, constituencyCode: row.constituency_code };
}
