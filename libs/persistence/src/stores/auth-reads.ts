import type { Role } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity.js';

type Source = DataSource | EntityManager;

export interface ActiveAccountRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  institution_id: string | null;
}

/** The active accounts among these ids (a deactivated or unknown one is simply absent). */
export function readActiveAccounts(source: Source, ids: readonly string[]): Promise<ActiveAccountRow[]> {
  return source.query(
    `SELECT id, email, display_name, roles, institution_id FROM users WHERE id = ANY($1::uuid[]) AND active`,
    [ids],
  );
}

/** The account with this (normalised) email, its password hash included. */
export function readUserWithPasswordHash(source: Source, email: string): Promise<UserEntity | null> {
  return source
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.email = :email', { email })
    .getOne();
}

/** The delegate linked to the account, whatever their status. */
export async function delegateIdOfUser(source: Source, userId: string): Promise<string | null> {
  const rows: { id: string }[] = await source.query(`SELECT id FROM delegates WHERE user_id = $1`, [userId]);
  return rows[0]?.id ?? null;
}
