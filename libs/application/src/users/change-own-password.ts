import { DomainError } from '#domain';
import { lockPasswordHash, revokeOpenEnrolment, revokeRefreshTokensOfUser, writeUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { recordAccountFact } from './account-facts.js';

/**
 * The owner replaces their password, having proved the current one (checked by the caller against
 * `verifiedHash`, outside the transaction; if it changed since, the change is refused). Every session
 * ends, this one too: the client signs in again with the new password.
 */
export async function changeOwnPassword(
  uow: UnitOfWork,
  userId: string,
  verifiedHash: string,
  newHash: string,
): Promise<void> {
  const current = await lockPasswordHash(uow.m, userId);
  if (current === undefined) throw new DomainError('USER_NOT_FOUND');
  if (current !== verifiedHash) throw new DomainError('PASSWORD_CHANGED_MEANWHILE');
  await writeUser(uow.m, userId, { passwordHash: newHash });
  await revokeOpenEnrolment(uow.m, userId);
  await revokeRefreshTokensOfUser(uow.m, userId, new Date());
  await recordAccountFact(uow, 'account.password_set', userId, { userId, via: 'change' });
}
