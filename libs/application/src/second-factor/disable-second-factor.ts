import { DomainError, type SecretBox } from '#domain';
import { deleteSecondFactor } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { accountFactBase } from './account-fact.js';
import { verifySecondFactor } from './verify-second-factor.js';

/**
 * Removes the account's second factor and its recovery codes. The caller has checked the password; the
 * code (TOTP or recovery) is checked here. A pending set-up is simply dropped (no fact: it never applied).
 */
export async function disableSecondFactor(
  uow: UnitOfWork,
  box: SecretBox,
  userId: string,
  code: string,
): Promise<void> {
  if (!(await verifySecondFactor(uow, box, userId, code))) throw new DomainError('SECOND_FACTOR_NOT_ENABLED');
  await deleteSecondFactor(uow.m, userId);
  await uow.record({
    type: 'account.second_factor_changed',
    actor: `user:${userId}`,
    payload: { ...(await accountFactBase(uow, userId)), method: 'totp', enabled: false },
  });
}
