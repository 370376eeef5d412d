import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { modifyReturning } from '../database/modify-returning.js';
import { RefreshTokenEntity } from '../entities/refresh-token.entity.js';

export interface NewRefreshTokenRow {
  userId: string;
  familyId: string;
  secretHash: Buffer;
  expiresAt: Date;
  revokedAt: null;
  replacedById: null;
}

export function insertRefreshToken(m: EntityManager, row: NewRefreshTokenRow): Promise<RefreshTokenEntity> {
  return m.getRepository(RefreshTokenEntity).save(row);
}

/** The token with its secret's hash (never selected otherwise), locked (FOR UPDATE) until commit. */
export function lockRefreshTokenWithSecret(m: EntityManager, id: string): Promise<RefreshTokenEntity | null> {
  return m
    .getRepository(RefreshTokenEntity)
    .createQueryBuilder('t')
    .addSelect('t.secretHash')
    .where('t.id = :id', { id })
    .setLock('pessimistic_write')
    .getOne();
}

export function readRefreshToken(m: EntityManager, id: string): Promise<RefreshTokenEntity | null> {
  return m.getRepository(RefreshTokenEntity).findOneBy({ id });
}

export async function markRefreshTokenReplaced(
  m: EntityManager,
  id: string,
  changes: { revokedAt: Date; replacedById: string },
): Promise<void> {
  await m.update(RefreshTokenEntity, { id }, changes);
}

/**
 * The channel on which PostgreSQL tells every API process that sessions ended (triggers of migration
 * 1765500000000): `s:<family>`, `a:<user>` (deactivated), `r:<user>` (roles changed).
 */
export const SESSION_ENDED_CHANNEL = 'session_ended';

/**
 * The sessions (refresh-token families) among `familyIds` that are still live — a token of theirs not
 * revoked — each with its account.
 */
export function readLiveSessions(
  source: DataSource | EntityManager,
  familyIds: readonly string[],
): Promise<{ family_id: string; user_id: string }[]> {
  return source.query(
    `SELECT DISTINCT family_id, user_id FROM refresh_tokens
     WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
    [familyIds],
  );
}

/** Revokes the family's tokens not revoked yet (a trigger notifies every process: the session ended). */
/** Whether a token of the family was spent or revoked after `since` (a later rotation, a logout). */
export async function refreshFamilySpentAfter(
  m: EntityManager,
  familyId: string,
  since: Date,
): Promise<boolean> {
  return m
    .getRepository(RefreshTokenEntity)
    .createQueryBuilder('t')
    .where('t.familyId = :familyId AND t.revokedAt > :since', { familyId, since })
    .getExists();
}

export async function revokeRefreshTokenFamily(
  m: EntityManager,
  familyId: string,
  revokedAt: Date,
): Promise<void> {
  await m.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt });
}

/** Revokes the account's tokens not revoked yet; each of its sessions ends on every process (a trigger). */
export async function revokeRefreshTokensOfUser(
  m: EntityManager,
  userId: string,
  revokedAt: Date,
): Promise<void> {
  await m.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt });
}

/** Deletes the tokens expired or revoked more than `olderThanDays` ago; answers how many. */
export async function purgeOldRefreshTokens(
  source: DataSource | EntityManager,
  olderThanDays: number,
): Promise<number> {
  const deleted = await modifyReturning<{ id: string }>(
    source,
    `DELETE FROM refresh_tokens
     WHERE expires_at < now() - make_interval(days => $1) OR revoked_at < now() - make_interval(days => $1)
     RETURNING id`,
    [olderThanDays],
  );
  return deleted.length;
}
