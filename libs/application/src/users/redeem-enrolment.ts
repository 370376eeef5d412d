import { DomainError } from '#domain';
import { markEnrolmentUsed, revokeRefreshTokensOfUser, writeUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { recordAccountFact } from './account-facts.js';
import { usableEnrolment } from './enrolment-lookup.js';
import { lockedUser } from './user-view.js';

/**
 * The owner sets their password with the code (hashed by the caller, outside the transaction). The code
 * is spent, whatever session existed ends, and the fact goes to the public record in the owner's name.
 */
export async function redeemEnrolment(
  uow: UnitOfWork,
  typedCode: string,
  passwordHash: string,
): Promise<{ userId: string; email: string }> {
  const enrolment = await usableEnrolment(uow.m, typedCode, true);
  const user = await lockedUser(uow.m, enrolment.userId);
  if (!user.active) throw new DomainError('ACCOUNT_INACTIVE');
  await writeUser(uow.m, user.id, { passwordHash });
  await markEnrolmentUsed(uow.m, enrolment.id);
  await revokeRefreshTokensOfUser(uow.m, user.id, new Date());
  await recordAccountFact(uow, 'account.password_set', user.id, { userId: user.id, via: enrolment.purpose });
  return { userId: user.id, email: user.email };
}
