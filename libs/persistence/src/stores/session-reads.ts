import type { SessionView } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export type SessionListRow = Pick<
  SessionView,
  'id' | 'number' | 'kind' | 'title' | 'status' | 'place' | 'virtualUrl'
> & {
  scheduledAt: Date;
};

/** Sessions, newest first (the latest 200). */
export function readSessionList(source: Source): Promise<SessionListRow[]> {
  return source.query(
    `SELECT id, number, kind, title, status, scheduled_at AS "scheduledAt", place, virtual_url AS "virtualUrl"
     FROM sessions ORDER BY scheduled_at DESC, id LIMIT 200`,
  );
}

export interface SessionRow {
  id: string;
  number: string;
  kind: SessionView['kind'];
  title: string;
  status: SessionView['status'];
  scheduled_at: Date;
  place: string | null;
  virtual_url: string | null;
  opened_at: Date | null;
  closed_at: Date | null;
  /** The session's live event sequence (bigint, as text). */
  live_sequence: string;
}

export async function readSessionRow(source: Source, sessionId: string): Promise<SessionRow | undefined> {
  const rows: SessionRow[] = await source.query(`SELECT * FROM sessions WHERE id = $1`, [sessionId]);
  return rows[0];
}

export async function readSessionStatus(
  source: Source,
  sessionId: string,
): Promise<SessionView['status'] | undefined> {
  const [session]: { status: SessionView['status'] }[] = await source.query(
    `SELECT status FROM sessions WHERE id = $1`,
    [sessionId],
  );
  return session?.status;
}
