import type { EntityManager } from 'typeorm';

/**
 * The active, in-term delegate behind an account, locked (FOR SHARE) for the caller's transaction so a
 * suspension cannot slip in between the check and the action.
 */
export async function lockSittingDelegateOfUser(
  m: EntityManager,
  userId: string,
  today: string,
): Promise<{ id: string; constituency_code: string } | undefined> {
  const rows: { id: string; constituency_code: string }[] = await m.query(
    `SELECT id, constituency_code FROM delegates
     WHERE user_id = $1 AND status = 'active' AND term_start <= $2 AND term_end >= $2
     FOR SHARE`,
    [userId, today],
  );
  return rows[0];
}
