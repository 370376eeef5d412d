import type { SessionView } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export type SessionListRow = Pick<
  SessionView,
  'id' | 'number' | 'kind' | 'title' | 'status' | 'place' | 'virtualUrl'
> & {
  scheduledAt: Date;
  /** What the assembly is voting on in it right now: an open vote's question or an open election round's title. */
  votingNow: { kind: 'vote' | 'election'; title: string } | null;
};

/** Sessions, newest first (the latest 200). */
export function readSessionList(source: Source): Promise<SessionListRow[]> {
  return source.query(
    // At most one open vote and one open round per session (partial unique indexes): the home page reads
    // this instead of every vote with its ballots.
    `SELECT s.id, s.number, s.kind, s.title, s.status, s.scheduled_at AS "scheduledAt", s.place,
       s.virtual_url AS "virtualUrl",
       COALESCE(
         (SELECT json_build_object('kind', 'vote', 'title', v.question) FROM votes v
          WHERE v.session_id = s.id AND v.status = 'open' LIMIT 1),
         (SELECT json_build_object('kind', 'election', 'title', e.title) FROM election_rounds r
          JOIN elections e ON e.id = r.election_id WHERE r.session_id = s.id AND r.status = 'open')
       ) AS "votingNow"
     FROM sessions s ORDER BY s.scheduled_at DESC, s.id LIMIT 200`,
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
