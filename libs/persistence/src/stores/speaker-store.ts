import type { SpeechView } from '#contracts';
import type { SpeakerStance } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { modifyReturning } from '../database/modify-returning.js';

type Source = DataSource | EntityManager;

export interface SpeechRow {
  id: string;
  item_id: string;
  delegate_id: string;
  stance: SpeakerStance;
  started_at: Date;
  ends_at: Date;
  ended_at: Date | null;
  ended_by: 'timer' | 'moderator' | null;
}

export const speechView = (row: SpeechRow): SpeechView => ({
  id: row.id,
  itemId: row.item_id,
  delegateId: row.delegate_id,
  stance: row.stance,
  startedAt: row.started_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  endedBy: row.ended_by,
});

export interface WaitingSpeakerRow {
  id: string;
  delegate_id: string;
  stance: SpeakerStance;
  position: string;
  requested_at: Date;
}

/** The waiting requests of an item, unordered (the order of the list is the domain's). */
export function readWaitingSpeakers(source: Source, itemId: string): Promise<WaitingSpeakerRow[]> {
  return source.query(
    `SELECT id, delegate_id, stance, position, requested_at FROM speaker_requests WHERE item_id = $1 AND status = 'waiting'`,
    [itemId],
  );
}

/** Adds a waiting request; undefined when the delegate is already waiting on this item. */
export async function insertWaitingRequest(
  m: EntityManager,
  itemId: string,
  delegateId: string,
  stance: SpeakerStance,
): Promise<string | undefined> {
  const inserted: { id: string }[] = await m.query(
    `INSERT INTO speaker_requests (item_id, delegate_id, stance) VALUES ($1, $2, $3)
     ON CONFLICT (item_id, delegate_id) WHERE status = 'waiting' DO NOTHING RETURNING id`,
    [itemId, delegateId, stance],
  );
  return inserted[0]?.id;
}

export async function readWaitingRequestId(
  m: EntityManager,
  itemId: string,
  delegateId: string,
): Promise<string | undefined> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM speaker_requests WHERE item_id = $1 AND delegate_id = $2 AND status = 'waiting'`,
    [itemId, delegateId],
  );
  return rows[0]?.id;
}

/** Withdraws the delegate's waiting request on the item; the number withdrawn (0 or 1). */
export async function withdrawWaitingRequest(
  m: EntityManager,
  itemId: string,
  delegateId: string,
): Promise<number> {
  const [{ n }]: { n: number }[] = await m.query(
    `WITH w AS (UPDATE speaker_requests SET status = 'withdrawn' WHERE item_id = $1 AND delegate_id = $2 AND status = 'waiting' RETURNING 1)
     SELECT count(*)::int AS n FROM w`,
    [itemId, delegateId],
  );
  return n;
}

export async function markRequestCalled(m: EntityManager, requestId: string): Promise<void> {
  await m.query(`UPDATE speaker_requests SET status = 'called' WHERE id = $1`, [requestId]);
}

export interface NewSpeechRow {
  itemId: string;
  sessionId: string;
  delegateId: string;
  stance: SpeakerStance;
  requestId: string;
  seconds: number;
}

/** Starts a speech now, ending `seconds` from now. */
export async function insertSpeech(m: EntityManager, speech: NewSpeechRow): Promise<SpeechRow> {
  const [row]: SpeechRow[] = await m.query(
    `INSERT INTO speeches (item_id, session_id, delegate_id, stance, request_id, ends_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING *`,
    [speech.itemId, speech.sessionId, speech.delegateId, speech.stance, speech.requestId, speech.seconds],
  );
  return row!;
}

/** Pushes the running speech's deadline; undefined when no speech is running. */
export async function extendRunningSpeech(
  m: EntityManager,
  sessionId: string,
  seconds: number,
): Promise<SpeechRow | undefined> {
  const updated = await modifyReturning<SpeechRow>(
    m,
    `UPDATE speeches SET ends_at = ends_at + make_interval(secs => $2) WHERE session_id = $1 AND ended_at IS NULL RETURNING *`,
    [sessionId, seconds],
  );
  return updated[0];
}

/**
 * Ends the session's running speech (only an expired one when `onlyExpired`); the timer ends it at its
 * deadline, not at the sweep. Undefined when there was none to end.
 */
export async function endRunningSpeech(
  m: EntityManager,
  sessionId: string,
  by: 'timer' | 'moderator',
  onlyExpired: boolean,
): Promise<SpeechRow | undefined> {
  const rows = await modifyReturning<SpeechRow>(
    m,
    `UPDATE speeches SET ended_at = CASE WHEN $2 = 'timer' THEN least(now(), ends_at) ELSE now() END, ended_by = $2
     WHERE session_id = $1 AND ended_at IS NULL ${onlyExpired ? 'AND ends_at <= now()' : ''} RETURNING *`,
    [sessionId, by],
  );
  return rows[0];
}

/** Sessions with a speech past its deadline (a plain read: most sweeps find nothing). */
export async function readSessionsWithExpiredSpeech(source: Source): Promise<string[]> {
  const due: { session_id: string }[] = await source.query(
    `SELECT session_id FROM speeches WHERE ended_at IS NULL AND ends_at <= now() LIMIT 50`,
  );
  return due.map((row) => row.session_id);
}

export async function hasRunningSpeechOnItem(m: EntityManager, itemId: string): Promise<boolean> {
  const running: unknown[] = await m.query(`SELECT 1 FROM speeches WHERE item_id = $1 AND ended_at IS NULL`, [
    itemId,
  ]);
  return running.length > 0;
}

export async function readCurrentSpeech(source: Source, sessionId: string): Promise<SpeechView | null> {
  const rows: SpeechRow[] = await source.query(
    `SELECT * FROM speeches WHERE session_id = $1 AND ended_at IS NULL`,
    [sessionId],
  );
  return rows[0] ? speechView(rows[0]) : null;
}

/** Whether a speech is still running in the session. */
export async function hasRunningSpeech(m: EntityManager, sessionId: string): Promise<boolean> {
  const running: unknown[] = await m.query(
    `SELECT 1 FROM speeches WHERE session_id = $1 AND ended_at IS NULL`,
    [sessionId],
  );
  return running.length > 0;
}
