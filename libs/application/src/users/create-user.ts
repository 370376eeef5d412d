import type { Role } from '#domain';
import { insertUser } from '#persistence';
import type { DataSource } from 'typeorm';
import { inTransaction, type Outcome } from '../unit-of-work.js';
import { recordAccountFact } from './account-facts.js';
import { accountWriteRefusal, checkLiaisonInstitution } from './account-rules.js';
import { issueEnrolment, type IssuedEnrolment } from './issue-enrolment.js';
import { readUserView, type UserView } from './user-view.js';

export interface NewUser {
  email: string;
  displayName: string;
  /** Only the operator's command line sets one; everyone else gets an enrolment code. */
  password?: string;
  roles: Role[];
  institutionId?: string | null;
}

/** How the process hashes passwords (argon2id in the API). */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
}

export type CreatedUser = UserView & { enrolment: IssuedEnrolment | null };

export interface CreateUserOptions {
  /** Who creates it (null: the operator's command line). */
  actorId: string | null;
  /** Without a password, an enrolment code valid this long is issued with the account. */
  enrolmentTtlHours?: number;
}

/**
 * An account with roles; without a password it cannot log in until its owner sets one with the enrolment
 * code issued here. A password (the operator's) is hashed before the transaction starts, so no connection
 * waits on the hash. The account's creation, and how its password came to be, are public facts.
 */
export async function createUser(
  dataSource: DataSource,
  hasher: PasswordHashing,
  input: NewUser,
  options: CreateUserOptions,
): Promise<Outcome<CreatedUser>> {
  checkLiaisonInstitution(input.roles, input.institutionId);
  const passwordHash = input.password ? await hasher.hash(input.password) : null;
  return inTransaction(dataSource, async (uow) => {
    try {
      const id = await insertUser(uow.m, {
        email: input.email.trim().toLowerCase(),
        displayName: input.displayName.trim(),
        passwordHash,
        roles: input.roles,
        institutionId: input.institutionId ?? null,
        active: true,
      });
      await recordAccountFact(uow, 'account.created', options.actorId, { userId: id, roles: input.roles });
      if (passwordHash !== null)
        await recordAccountFact(uow, 'account.password_set', null, { userId: id, via: 'operator' });
      const enrolment =
        passwordHash === null && options.enrolmentTtlHours !== undefined
          ? await issueEnrolment(uow, options.actorId, id, options.enrolmentTtlHours)
          : null;
      return { ...(await readUserView(uow.m, id)), enrolment };
    } catch (error) {
      throw accountWriteRefusal(error, input.email, input.institutionId);
    }
  });
}
