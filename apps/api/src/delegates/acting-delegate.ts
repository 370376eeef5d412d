import { assemblyToday, DomainError } from '#domain';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

export interface ActingDelegate {
  id: string;
  userId: string;
  constituencyCode: string;
}

/**
 * The delegate behind an account, locked for the caller's transaction so a suspension cannot slip in
 * between the check and the action. Suspended, ceased, out-of-term or unlinked: refused.
 */
export async function actingDelegate(
  manager: EntityManager,
  user: AuthenticatedUser,
): Promise<ActingDelegate> {
  const rows: { id: string; constituency_code: string }[] = await manager.query(
    `SELECT id, constituency_code FROM delegates
     WHERE user_id = $1 AND status = 'active' AND term_start <= $2 AND term_end >= $2
     FOR SHARE`,
    [user.id, assemblyToday()],
  );
  if (!rows[0]) throw new DomainError('DELEGATE_NOT_ACTIVE');
  return { id: rows[0].id, userId: user.id, constituencyCode: rows[0].constituency_code };
}

export function actorOf(user: AuthenticatedUser): string {
  return `user:${user.id}`;
}
