import { revokeOpenEnrolment, revokeRefreshTokensOfUser, writeUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { recordAccountFact } from './account-facts.js';
import { lockedUser } from './user-view.js';

/**
 * The machine's operator sets a password from the command line (the first administrator, a lost one).
 * No HTTP route reaches this; the fact is public like any other, with no actor. Every session ends.
 */
export async function setPasswordAsOperator(
  uow: UnitOfWork,
  id: string,
  passwordHash: string,
): Promise<void> {
  await lockedUser(uow.m, id);
  await writeUser(uow.m, id, { passwordHash });
  await revokeOpenEnrolment(uow.m, id);
  await revokeRefreshTokensOfUser(uow.m, id, new Date());
  await recordAccountFact(uow, 'account.password_set', null, { userId: id, via: 'operator' });
}
