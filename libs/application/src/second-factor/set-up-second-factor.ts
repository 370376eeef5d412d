import { DomainError, newTotpSecret, totpUri, type SecretBox } from '#domain';
import { readSecondFactor, storePendingSecondFactor } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * A new TOTP secret for the account, pending until a code from it confirms it. The secret is answered
 * here (for the authenticator) and stored sealed; a second set-up before confirming replaces the first.
 */
export async function setUpSecondFactor(
  uow: UnitOfWork,
  box: SecretBox,
  account: { id: string; email: string },
): Promise<{ secret: string; otpauthUrl: string }> {
  const current = await readSecondFactor(uow.m, account.id, true);
  if (current?.enabledAt) throw new DomainError('SECOND_FACTOR_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await storePendingSecondFactor(
    uow.m,
    account.id,
    box.seal(secret, { purpose: 'totp-secret', id: account.id }),
  );
  return { secret, otpauthUrl: totpUri(secret, account.email) };
}
