import type { Role } from '#domain';
import { insertUser } from '#persistence';
import type { DataSource } from 'typeorm';
import { inTransaction, type Outcome } from '../unit-of-work.js';
import { accountWriteRefusal, checkLiaisonInstitution } from './account-rules.js';
import { readUserView, type UserView } from './user-view.js';

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  roles: Role[];
  institutionId?: string | null;
}

/** How the process hashes passwords (argon2id in the API). */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
}

/**
 * An account with roles; without a password it cannot log in until one is set. The password is hashed
 * before the transaction starts, so no connection waits on the hash.
 */
export async function createUser(
  dataSource: DataSource,
  hasher: PasswordHashing,
  input: NewUser,
): Promise<Outcome<UserView>> {
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
      return await readUserView(uow.m, id);
    } catch (error) {
      throw accountWriteRefusal(error, input.email, input.institutionId);
    }
  });
}
