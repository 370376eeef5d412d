import { acceptedTotpStep, DomainError, type SecretBox } from '#domain';
import { enableSecondFactor, readSecondFactor } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { accountFactBase } from './account-fact.js';
import { issueRecoveryCodes } from './verify-second-factor.js';

/** A first code from the pending secret enables it; answers the recovery codes, shown this once. */
export async function confirmSecondFactor(
  uow: UnitOfWork,
  box: SecretBox,
  userId: string,
  code: string,
  nowMs = Date.now(),
): Promise<{ recoveryCodes: string[] }> {
  const factor = await readSecondFactor(uow.m, userId, true);
  if (!factor) throw new DomainError('SECOND_FACTOR_NOT_SET_UP');
  if (factor.enabledAt) throw new DomainError('SECOND_FACTOR_ALREADY_ENABLED');
  const secret = box.open(factor.secretSealed, { purpose: 'totp-secret', id: userId });
  const step = acceptedTotpStep(secret, code, nowMs, factor.lastUsedStep);
  if (step === null) throw new DomainError('SECOND_FACTOR_INVALID');
  await enableSecondFactor(uow.m, userId, step);
  const recoveryCodes = await issueRecoveryCodes(uow, userId);
  await uow.record({
    type: 'account.second_factor_changed',
    actor: `user:${userId}`,
    payload: { ...(await accountFactBase(uow, userId)), method: 'totp', enabled: true },
  });
  return { recoveryCodes };
}
