import type { Role } from '#domain';
import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity.js';

export interface NewUserRow {
  email: string;
  displayName: string;
  passwordHash: string | null;
  roles: Role[];
  institutionId: string | null;
  active: boolean;
}

export type UserChanges = Partial<
  Pick<UserEntity, 'displayName' | 'roles' | 'institutionId' | 'active' | 'passwordHash'>
>;

/** Inserts an account; answers its id. */
export async function insertUser(m: EntityManager, row: NewUserRow): Promise<string> {
  const saved = await m.getRepository(UserEntity).save(row);
  return saved.id;
}

/** The account, locked (FOR UPDATE) until commit; null when there is none. */
export function lockUser(m: EntityManager, id: string): Promise<UserEntity | null> {
  return m.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** The account with this (normalised) email, locked (FOR UPDATE) until commit. */
export function lockUserByEmail(m: EntityManager, email: string): Promise<UserEntity | null> {
  return m.getRepository(UserEntity).findOne({ where: { email }, lock: { mode: 'pessimistic_write' } });
}

export async function writeUser(m: EntityManager, id: string, changes: UserChanges): Promise<void> {
  await m.update(UserEntity, { id }, changes);
}
