import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export type EnrolmentPurpose = 'enrolment' | 'reset';

export interface EnrolmentRow {
  id: string;
  userId: string;
  purpose: EnrolmentPurpose;
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id, user_id AS "userId", purpose, issued_at AS "issuedAt", expires_at AS "expiresAt",
                 used_at AS "usedAt", revoked_at AS "revokedAt"`;

/** Revokes the account's open code, if any (an account has at most one). */
export async function revokeOpenEnrolment(m: EntityManager, userId: string): Promise<void> {
  await m.query(
    `UPDATE account_enrolments SET revoked_at = now()
     WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
    [userId],
  );
}

export async function insertEnrolment(
  m: EntityManager,
  row: {
    userId: string;
    codeDigest: Buffer;
    purpose: EnrolmentPurpose;
    issuedBy: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO account_enrolments (user_id, code_digest, purpose, issued_by, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [row.userId, row.codeDigest, row.purpose, row.issuedBy, row.expiresAt],
  );
}

/** The code with this digest, whatever its state; locked (FOR UPDATE) when read inside a transaction. */
export async function lockEnrolmentByDigest(m: EntityManager, digest: Buffer): Promise<EnrolmentRow | null> {
  const rows: EnrolmentRow[] = await m.query(
    `SELECT ${COLUMNS} FROM account_enrolments WHERE code_digest = $1 FOR UPDATE`,
    [digest],
  );
  return rows[0] ?? null;
}

export async function readEnrolmentByDigest(source: Source, digest: Buffer): Promise<EnrolmentRow | null> {
  const rows: EnrolmentRow[] = await source.query(
    `SELECT ${COLUMNS} FROM account_enrolments WHERE code_digest = $1`,
    [digest],
  );
  return rows[0] ?? null;
}

export async function markEnrolmentUsed(m: EntityManager, id: string): Promise<void> {
  await m.query(`UPDATE account_enrolments SET used_at = now() WHERE id = $1`, [id]);
}

/** Each account's open, unexpired code: when it was issued, for what, and until when. */
export async function readOpenEnrolments(
  source: Source,
  userIds?: readonly string[],
): Promise<Map<string, { purpose: EnrolmentPurpose; expiresAt: Date }>> {
  const rows: { userId: string; purpose: EnrolmentPurpose; expiresAt: Date }[] = await source.query(
    `SELECT user_id AS "userId", purpose, expires_at AS "expiresAt" FROM account_enrolments
     WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       AND ($1::uuid[] IS NULL OR user_id = ANY($1::uuid[]))`,
    [userIds ?? null],
  );
  return new Map(rows.map(({ userId, ...rest }) => [userId, rest]));
}

/** Whether the account has a password (the hash itself is never read here). */
export async function accountHasPassword(source: Source, userId: string): Promise<boolean> {
  const rows: { set: boolean }[] = await source.query(
    `SELECT password_hash IS NOT NULL AS set FROM users WHERE id = $1`,
    [userId],
  );
  return rows[0]?.set ?? false;
}

/** The ids of the accounts among these that have a password. */
export async function accountsWithPassword(source: Source, userIds: readonly string[]): Promise<Set<string>> {
  const rows: { id: string }[] = await source.query(
    `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND password_hash IS NOT NULL`,
    [userIds],
  );
  return new Set(rows.map((row) => row.id));
}

/** The account's password hash (null when it has none), locked (FOR UPDATE) until commit. */
export async function lockPasswordHash(m: EntityManager, userId: string): Promise<string | null | undefined> {
  const rows: { hash: string | null }[] = await m.query(
    `SELECT password_hash AS hash FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  return rows[0]?.hash;
}

export async function readPasswordHash(source: Source, userId: string): Promise<string | null> {
  const rows: { hash: string | null }[] = await source.query(
    `SELECT password_hash AS hash FROM users WHERE id = $1`,
    [userId],
  );
  return rows[0]?.hash ?? null;
}

/** The delegate seat each of these accounts holds, if any. */
export async function seatsOfAccounts(
  source: Source,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const rows: { userId: string; delegateId: string }[] = await source.query(
    `SELECT user_id AS "userId", id AS "delegateId" FROM delegates WHERE user_id = ANY($1::uuid[])`,
    [userIds],
  );
  return new Map(rows.map((row) => [row.userId, row.delegateId]));
}

export interface AccountRecordEventRow {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string | null;
  occurredAt: Date;
  hash: string;
}

/** The account's credential facts in the public record, oldest first. */
export function readAccountRecordEvents(source: Source, userId: string): Promise<AccountRecordEventRow[]> {
  return source.query(
    `SELECT sequence::int AS sequence, type, payload, actor, occurred_at AS "occurredAt", hash
     FROM ledger_events WHERE subject = $1 ORDER BY sequence`,
    [`account:${userId}`],
  );
}

export interface BallotInNameRow {
  voteId: string;
  question: string;
  sessionId: string;
  motionId: string | null;
  revision: number;
  choice: 'yes' | 'no' | 'abstain';
  castAt: Date;
  sequence: number;
  receipt: string;
  /** The account that cast this revision, as the public record names it. */
  castBy: string | null;
  voteStatus: 'open' | 'closed';
}

/** Every revision of every ballot cast in the delegate's name, newest first. */
export function readBallotsInNameOf(source: Source, delegateId: string): Promise<BallotInNameRow[]> {
  return source.query(
    `SELECT r.vote_id AS "voteId", v.question, v.session_id AS "sessionId", v.motion_id AS "motionId",
            r.revision, r.choice, r.cast_at AS "castAt", r.ledger_sequence::int AS sequence,
            r.receipt, e.actor AS "castBy", v.status AS "voteStatus"
     FROM ballot_revisions r
     JOIN votes v ON v.id = r.vote_id
     JOIN ledger_events e ON e.sequence = r.ledger_sequence
     WHERE r.delegate_id = $1
     ORDER BY r.cast_at DESC, r.revision DESC
     LIMIT 500`,
    [delegateId],
  );
}
