import { DomainError, type Role } from '#domain';
import { lockUser, readUser, type UserEntity } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  institutionId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function userView(user: UserEntity): UserView {
  const { id, email, displayName, roles, institutionId, active, createdAt, updatedAt } = user;
  return { id, email, displayName, roles, institutionId, active, createdAt, updatedAt };
}

export async function readUserView(source: DataSource | EntityManager, id: string): Promise<UserView> {
  const user = await readUser(source, id);
  if (!user) throw new DomainError('USER_NOT_FOUND');
  return userView(user);
}

/** The account, locked until commit. */
export async function lockedUser(m: EntityManager, id: string): Promise<UserEntity> {
  const user = await lockUser(m, id);
  if (!user) throw new DomainError('USER_NOT_FOUND');
  return user;
}
