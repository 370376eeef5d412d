import { DomainError, isTermValid, type DelegateStatus } from '#domain';
import { accountHasDelegate, insertDelegate, insertUser, lockUserByEmail, writeUser } from '#persistence';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../unit-of-work.js';
import { recordAccountFact } from '../users/account-facts.js';

/** Roles of the assembly's staff: an account holding one is seated (and votes) only when confirmed. */
const STAFF_ROLES: readonly string[] = ['admin', 'moderator', 'liaison'];
import { checkAlternate, checkConstituency, delegateWriteRefusal } from './delegate-rules.js';

export interface DelegateInput {
  fullName: string;
  documentId: string;
  constituencyCode: string;
  organization?: string | null;
  termStart: string;
  termEnd: string;
  status?: DelegateStatus;
  alternateOfId?: string | null;
  email?: string | null;
  /** The secretariat confirmed that an account holding staff roles is to be seated (and so may vote). */
  confirmStaffAccount?: boolean;
}

interface LinkedAccount {
  userId: string;
  /** Created here, without a password (its owner enrols with a code). */
  created: boolean;
  /** The delegate role was added to an existing account. */
  roleGranted: boolean;
}

/** Links an account by email (adding the delegate role) or creates one without a password. */
async function linkAccount(
  m: EntityManager,
  email: string,
  displayName: string,
  confirmStaff: boolean,
): Promise<LinkedAccount> {
  const normalized = email.trim().toLowerCase();
  const existing = await lockUserByEmail(m, normalized);
  if (existing) {
    const linked = await accountHasDelegate(m, existing.id);
    if (linked) throw new DomainError('USER_ALREADY_DELEGATE');
    const staff = existing.roles.filter((role) => STAFF_ROLES.includes(role));
    if (staff.length > 0 && !confirmStaff)
      throw new DomainError('ACCOUNT_HOLDS_STAFF_ROLES', { email: normalized, roles: staff.join(', ') });
    const roleGranted = !existing.roles.includes('delegate');
    if (roleGranted) await writeUser(m, existing.id, { roles: [...existing.roles, 'delegate'] });
    return { userId: existing.id, created: false, roleGranted };
  }
  const userId = await insertUser(m, {
    email: normalized,
    displayName: displayName.trim(),
    passwordHash: null,
    roles: ['delegate'],
    institutionId: null,
    active: true,
  });
  return { userId, created: true, roleGranted: false };
}

export interface SeatedDelegate {
  id: string;
  /** The account linked or created by email, if any. */
  account: LinkedAccount | null;
}

/**
 * Writes one delegate in the caller's transaction after checking province, term, alternate and account
 * (in that order); answers its id and account. Creation, the CSV import and the demo all seat through
 * here. What happened to the account (created, given the delegate role, seated) is public.
 */
export async function seatDelegate(
  uow: UnitOfWork,
  input: DelegateInput,
  actorId: string | null = null,
): Promise<SeatedDelegate> {
  const { m } = uow;
  await checkConstituency(m, input.constituencyCode);
  if (!isTermValid(input.termStart, input.termEnd)) throw new DomainError('TERM_INVALID');
  if (input.alternateOfId) await checkAlternate(m, undefined, input.constituencyCode, input.alternateOfId);
  const account = input.email
    ? await linkAccount(m, input.email, input.fullName, input.confirmStaffAccount === true)
    : null;
  const userId = account?.userId ?? null;
  let id: string;
  try {
    id = await insertDelegate(m, {
      fullName: input.fullName.trim(),
      documentId: input.documentId.toUpperCase(),
      constituencyCode: input.constituencyCode,
      organization: input.organization?.trim() || null,
      termStart: input.termStart,
      termEnd: input.termEnd,
      status: input.status ?? 'active',
      alternateOfId: input.alternateOfId ?? null,
      userId,
    });
  } catch (error) {
    throw delegateWriteRefusal(error, input.documentId);
  }
  if (account) {
    if (account.created)
      await recordAccountFact(uow, 'account.created', actorId, {
        userId: account.userId,
        roles: ['delegate'],
        delegateId: id,
      });
    if (account.roleGranted)
      await recordAccountFact(uow, 'account.roles_changed', actorId, {
        userId: account.userId,
        granted: ['delegate'],
        removed: [],
        delegateId: id,
      });
    await recordAccountFact(uow, 'account.seat_changed', actorId, { userId: account.userId, delegateId: id });
  }
  return { id, account };
}
