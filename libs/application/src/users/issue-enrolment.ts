import { DomainError, enrolmentCodeDigest, newEnrolmentCode, normalizeEnrolmentCode } from '#domain';
import {
  accountHasPassword,
  insertEnrolment,
  revokeOpenEnrolment,
  revokeRefreshTokensOfUser,
  writeUser,
  type EnrolmentPurpose,
} from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { recordAccountFact } from './account-facts.js';
import { lockedUser } from './user-view.js';

export interface IssuedEnrolment {
  /** Shown once, to be handed to the person; only its digest is kept. */
  code: string;
  purpose: EnrolmentPurpose;
  expiresAt: Date;
}

/**
 * A one-time code with which the account's owner sets their own password. For an account that has a
 * password this is a reset: the password is cleared and every session ends, so whoever knew it is out.
 * An earlier open code stops working. The fact (not the code) goes to the public record.
 */
export async function issueEnrolment(
  uow: UnitOfWork,
  actorId: string | null,
  userId: string,
  ttlHours: number,
): Promise<IssuedEnrolment> {
  const user = await lockedUser(uow.m, userId);
  if (!user.active) throw new DomainError('ACCOUNT_INACTIVE');
  const purpose: EnrolmentPurpose = (await accountHasPassword(uow.m, userId)) ? 'reset' : 'enrolment';
  await revokeOpenEnrolment(uow.m, userId);
  if (purpose === 'reset') {
    await writeUser(uow.m, userId, { passwordHash: null });
    await revokeRefreshTokensOfUser(uow.m, userId, new Date());
  }
  const code = newEnrolmentCode();
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await insertEnrolment(uow.m, {
    userId,
    codeDigest: enrolmentCodeDigest(normalizeEnrolmentCode(code)!),
    purpose,
    issuedBy: actorId,
    expiresAt,
  });
  await recordAccountFact(uow, 'account.enrolment_issued', actorId, {
    userId,
    purpose,
    expiresAt: expiresAt.toISOString(),
  });
  return { code, purpose, expiresAt };
}
