import { DomainError, type SecretBox } from '#domain';
import type { UnitOfWork } from '../unit-of-work.js';
import { issueRecoveryCodes, verifySecondFactor } from './verify-second-factor.js';

/** Ten new recovery codes, shown this once, with a current code; the old ones stop working. */
export async function regenerateRecoveryCodes(
  uow: UnitOfWork,
  box: SecretBox,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  if (!(await verifySecondFactor(uow, box, userId, code))) throw new DomainError('SECOND_FACTOR_NOT_ENABLED');
  return { recoveryCodes: await issueRecoveryCodes(uow, userId) };
}
