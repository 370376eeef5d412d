import type { DataSource, EntityManager } from 'typeorm';
import { modifyReturning } from '../database/modify-returning.js';

type Source = DataSource | EntityManager;

export interface SecondFactorRow {
  secretSealed: Buffer;
  /** Null: set up and waiting for its first code. */
  enabledAt: Date | null;
  /** The last TOTP time step accepted: no code of it or before is accepted again. */
  lastUsedStep: number | null;
}

const COLUMNS = `secret_sealed AS "secretSealed", enabled_at AS "enabledAt",
  last_used_step::float8 AS "lastUsedStep"`;

/** The account's second factor, locked (FOR UPDATE) when `lock`. */
export async function readSecondFactor(
  m: Source,
  userId: string,
  lock = false,
): Promise<SecondFactorRow | undefined> {
  const [row]: SecondFactorRow[] = await m.query(
    `SELECT ${COLUMNS} FROM account_second_factors WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [userId],
  );
  return row;
}

/** Whether the account has a confirmed second factor (the role check's question). */
export async function secondFactorEnabled(m: Source, userId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM account_second_factors WHERE user_id = $1 AND enabled_at IS NOT NULL`,
    [userId],
  );
  return rows.length > 0;
}

/** A pending set-up, replacing an earlier pending one (never an enabled one). */
export async function storePendingSecondFactor(
  m: EntityManager,
  userId: string,
  sealed: Buffer,
): Promise<void> {
  await m.query(
    `INSERT INTO account_second_factors (user_id, secret_sealed) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = now(),
       last_used_step = NULL
     WHERE account_second_factors.enabled_at IS NULL`,
    [userId, sealed],
  );
}

export async function enableSecondFactor(m: EntityManager, userId: string, step: number): Promise<void> {
  await m.query(
    `UPDATE account_second_factors SET enabled_at = now(), last_used_step = $2 WHERE user_id = $1`,
    [userId, step],
  );
}

/** Records the step of a code just accepted; false when a newer one was accepted meanwhile. */
export async function recordUsedTotpStep(m: EntityManager, userId: string, step: number): Promise<boolean> {
  const rows = await modifyReturning<{ user_id: string }>(
    m,
    `UPDATE account_second_factors SET last_used_step = $2
     WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2) RETURNING user_id`,
    [userId, step],
  );
  return rows.length > 0;
}

/** Removes the second factor and its recovery codes. */
export async function deleteSecondFactor(m: EntityManager, userId: string): Promise<void> {
  await m.query(`DELETE FROM account_second_factors WHERE user_id = $1`, [userId]);
}

/** The account's recovery codes become these (digests only); the old ones stop working. */
export async function replaceRecoveryCodes(
  m: EntityManager,
  userId: string,
  digests: string[],
): Promise<void> {
  await m.query(`DELETE FROM account_recovery_codes WHERE user_id = $1`, [userId]);
  await m.query(`INSERT INTO account_recovery_codes (user_id, digest) SELECT $1, unnest($2::text[])`, [
    userId,
    digests,
  ]);
}

/** Marks an unused recovery code used; false when there is no such unused code. */
export async function consumeRecoveryCode(
  m: EntityManager,
  userId: string,
  digest: string,
): Promise<boolean> {
  const rows = await modifyReturning<{ digest: string }>(
    m,
    `UPDATE account_recovery_codes SET used_at = now()
     WHERE user_id = $1 AND digest = $2 AND used_at IS NULL RETURNING digest`,
    [userId, digest],
  );
  return rows.length > 0;
}

export async function countRecoveryCodesLeft(m: Source, userId: string): Promise<number> {
  const [row]: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM account_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
    [userId],
  );
  return row!.n;
}

/** The password hash of an account by id (a second factor is removed only with the password). */
export async function readPasswordHashOf(m: Source, userId: string): Promise<string | null> {
  const [row]: { password_hash: string | null }[] = await m.query(
    `SELECT password_hash FROM users WHERE id = $1`,
    [userId],
  );
  return row?.password_hash ?? null;
}
