import { assemblyToday, type Seat } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

/**
 * The seats of the assembly today: seated titulars (active and in term) with their active, in-term
 * alternates. The one statement of who holds a seat: quorum, vote entitlements and standings use it
 * (and the minutes, with `day` set to the session's day).
 */
export async function readSeats(source: Source, day: string = assemblyToday()): Promise<Seat[]> {
  const rows: { titular_id: string; alternate_id: string | null }[] = await source.query(
    `SELECT t.id AS titular_id, a.id AS alternate_id
     FROM delegates t
     LEFT JOIN delegates a ON a.alternate_of_id = t.id AND a.status = 'active' AND a.term_start <= $1 AND a.term_end >= $1
     WHERE t.alternate_of_id IS NULL AND t.status = 'active' AND t.term_start <= $1 AND t.term_end >= $1`,
    [day],
  );
  return rows.map((row) => ({ titularId: row.titular_id, alternateId: row.alternate_id }));
}

export async function readPresentDelegateIds(source: Source, sessionId: string): Promise<string[]> {
  const present: { delegate_id: string }[] = await source.query(
    `SELECT delegate_id FROM attendance WHERE session_id = $1 AND present`,
    [sessionId],
  );
  return present.map((row) => row.delegate_id);
}

export async function isCheckedIn(m: EntityManager, sessionId: string, delegateId: string): Promise<boolean> {
  const present: unknown[] = await m.query(
    `SELECT 1 FROM attendance WHERE session_id = $1 AND delegate_id = $2 AND present`,
    [sessionId, delegateId],
  );
  return present.length > 0;
}

/** A roll call may name any delegate on file, sitting or not (the quorum only counts seats). */
export async function delegateOnFile(m: EntityManager, delegateId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM delegates WHERE id = $1`, [delegateId]);
  return rows.length > 0;
}

/** Records presence or absence; false when the delegate was already so (nothing written). */
export async function writeAttendance(
  m: EntityManager,
  row: { sessionId: string; delegateId: string; present: boolean; recordedBy: 'self' | 'moderator' },
): Promise<boolean> {
  const [changed]: { n: number }[] = await m.query(
    `WITH up AS (
       INSERT INTO attendance (session_id, delegate_id, present, recorded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, delegate_id) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by, updated_at = now()
       WHERE attendance.present IS DISTINCT FROM EXCLUDED.present
       RETURNING 1)
     SELECT count(*)::int AS n FROM up`,
    [row.sessionId, row.delegateId, row.present, row.recordedBy],
  );
  return changed!.n > 0;
}
