import { DomainError, enrolmentCodeDigest, normalizeEnrolmentCode } from '#domain';
import {
  lockEnrolmentByDigest,
  readEnrolmentByDigest,
  readUser,
  type EnrolmentPurpose,
  type EnrolmentRow,
} from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

export interface EnrolmentView {
  userId: string;
  email: string;
  displayName: string;
  purpose: EnrolmentPurpose;
  expiresAt: Date;
}

/** The code's row if it can still be used; otherwise the reason it cannot, as its error. */
export async function usableEnrolment(
  source: DataSource | EntityManager,
  typedCode: string,
  lock: boolean,
): Promise<EnrolmentRow> {
  const normalized = normalizeEnrolmentCode(typedCode);
  if (normalized === null) throw new DomainError('ENROLMENT_CODE_INVALID');
  const digest = enrolmentCodeDigest(normalized);
  const row = lock
    ? await lockEnrolmentByDigest(source as EntityManager, digest)
    : await readEnrolmentByDigest(source, digest);
  if (row === null || row.revokedAt !== null) throw new DomainError('ENROLMENT_CODE_INVALID');
  if (row.usedAt !== null) throw new DomainError('ENROLMENT_CODE_USED');
  if (row.expiresAt.getTime() <= Date.now()) throw new DomainError('ENROLMENT_CODE_EXPIRED');
  return row;
}

/** Whose account a code opens, so its holder sees it is theirs before choosing a password. */
export async function lookUpEnrolment(
  source: DataSource | EntityManager,
  typedCode: string,
): Promise<EnrolmentView> {
  const row = await usableEnrolment(source, typedCode, false);
  const user = await readUser(source, row.userId);
  if (!user || !user.active) throw new DomainError('ACCOUNT_INACTIVE');
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    purpose: row.purpose,
    expiresAt: row.expiresAt,
  };
}
