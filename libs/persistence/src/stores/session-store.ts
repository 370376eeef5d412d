import type { SessionAction, SessionKind, SessionStatus } from '#domain';
import type { EntityManager } from 'typeorm';
import { nextYearlyNumber } from './yearly-counter.js';

export interface SessionStateRow {
  id: string;
  status: SessionStatus;
}

/** Locks the session row (FOR UPDATE): every change to a session, its agenda and its floor starts here. */
export async function lockSession(m: EntityManager, id: string): Promise<SessionStateRow | undefined> {
  const rows: SessionStateRow[] = await m.query(`SELECT id, status FROM sessions WHERE id = $1 FOR UPDATE`, [
    id,
  ]);
  return rows[0];
}

export interface NewSessionRow {
  /** SES-<year>-<n>, from the year's counter. */
  number: string;
  kind: SessionKind;
  title: string;
  scheduledAt: string;
  place: string | null;
  virtualUrl: string | null;
}

/** The next session number of a year (gapless: the counter row stays locked until commit). */
export function takeSessionNumber(m: EntityManager, year: number): Promise<number> {
  return nextYearlyNumber(m, 'session_number_counters', year);
}

export async function insertSession(m: EntityManager, session: NewSessionRow): Promise<string> {
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO sessions (number, kind, title, scheduled_at, place, virtual_url)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [session.number, session.kind, session.title, session.scheduledAt, session.place, session.virtualUrl],
  );
  return row!.id;
}

/** Writes the status `action` led to; opening stamps opened_at, closing stamps closed_at. */
export async function writeSessionStatus(
  m: EntityManager,
  id: string,
  status: SessionStatus,
  action: SessionAction,
): Promise<void> {
  await m.query(
    `UPDATE sessions SET status = $2,
       opened_at = CASE WHEN $3 = 'open' THEN now() ELSE opened_at END,
       closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END
     WHERE id = $1`,
    [id, status, action],
  );
}
