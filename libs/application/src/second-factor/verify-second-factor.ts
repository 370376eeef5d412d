import {
  acceptedTotpStep,
  asTotpCode,
  DomainError,
  newRecoveryCodes,
  normalizeRecoveryCode,
  recoveryCodeDigest,
  type SecretBox,
} from '#domain';
import {
  consumeRecoveryCode,
  countRecoveryCodesLeft,
  readSecondFactor,
  recordUsedTotpStep,
  replaceRecoveryCodes,
} from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { accountFactBase } from './account-fact.js';

/** New recovery codes for the account (the old ones stop working); only their digests are kept. */
export async function issueRecoveryCodes(uow: UnitOfWork, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(
    uow.m,
    userId,
    codes.map((code) => recoveryCodeDigest(userId, normalizeRecoveryCode(code)!)),
  );
  return codes;
}

/**
 * Checks a code of an account with a second factor enabled: a TOTP code of now (±1 step) newer than the
 * last one accepted, or an unused recovery code, which is consumed (a public fact, with how many are
 * left). The account's row is locked, so two requests with one code cannot both pass. Throws
 * SECOND_FACTOR_INVALID otherwise; answers false when the account has no second factor enabled.
 */
export async function verifySecondFactor(
  uow: UnitOfWork,
  box: SecretBox,
  userId: string,
  code: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const factor = await readSecondFactor(uow.m, userId, true);
  if (!factor?.enabledAt) return false;
  if (asTotpCode(code) !== null) {
    const secret = box.open(factor.secretSealed, { purpose: 'totp-secret', id: userId });
    const step = acceptedTotpStep(secret, code, nowMs, factor.lastUsedStep);
    if (step === null || !(await recordUsedTotpStep(uow.m, userId, step)))
      throw new DomainError('SECOND_FACTOR_INVALID');
    return true;
  }
  const normalized = normalizeRecoveryCode(code);
  if (
    normalized === null ||
    !(await consumeRecoveryCode(uow.m, userId, recoveryCodeDigest(userId, normalized)))
  )
    throw new DomainError('SECOND_FACTOR_INVALID');
  await uow.record({
    type: 'account.recovery_code_used',
    actor: `user:${userId}`,
    payload: {
      ...(await accountFactBase(uow, userId)),
      remaining: await countRecoveryCodesLeft(uow.m, userId),
    },
  });
  return true;
}
