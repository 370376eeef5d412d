import type { AgendaItemView, SessionSnapshot, SessionView } from '#contracts';
import { DomainError, computeQuorum, type Seat } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { today } from '../delegates/delegates.service.js';

/** The seats of the assembly today: seated titulars with their (active, in-term) alternates. */
export async function currentSeats(source: DataSource | EntityManager): Promise<Seat[]> {
  const rows: { titular_id: string; alternate_id: string | null }[] = await source.query(
    `SELECT t.id AS titular_id, a.id AS alternate_id
     FROM delegates t
     LEFT JOIN delegates a ON a.alternate_of_id = t.id AND a.status = 'active' AND a.term_start <= $1 AND a.term_end >= $1
     WHERE t.alternate_of_id IS NULL AND t.status = 'active' AND t.term_start <= $1 AND t.term_end >= $1`,
    [today()],
  );
  return rows.map((row) => ({ titularId: row.titular_id, alternateId: row.alternate_id }));
}

export async function attendanceOf(
  source: DataSource | EntityManager,
  sessionId: string,
): Promise<SessionSnapshot['attendance']> {
  const present: { delegate_id: string }[] = await source.query(
    `SELECT delegate_id FROM attendance WHERE session_id = $1 AND present`,
    [sessionId],
  );
  const quorum = computeQuorum(await currentSeats(source), new Set(present.map((row) => row.delegate_id)));
  return {
    presentDelegateIds: quorum.presentDelegateIds,
    quorum: {
      seated: quorum.seated,
      present: quorum.present,
      required: quorum.required,
      hasQuorum: quorum.hasQuorum,
    },
  };
}

export async function agendaOf(
  source: DataSource | EntityManager,
  sessionId: string,
): Promise<AgendaItemView[]> {
  const rows: {
    id: string;
    position: number;
    kind: AgendaItemView['kind'];
    title: string;
    motion_id: string | null;
    status: AgendaItemView['status'];
  }[] = await source.query(
    `SELECT id, position, kind, title, motion_id, status FROM agenda_items WHERE session_id = $1 ORDER BY position`,
    [sessionId],
  );
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    kind: row.kind,
    title: row.title,
    motionId: row.motion_id,
    status: row.status,
  }));
}

export async function sessionView(
  source: DataSource | EntityManager,
  sessionId: string,
): Promise<SessionView & { sequence: number }> {
  const rows: {
    id: string;
    kind: SessionView['kind'];
    title: string;
    status: SessionView['status'];
    scheduled_at: Date;
    place: string | null;
    virtual_url: string | null;
    current_item_id: string | null;
    opened_at: Date | null;
    closed_at: Date | null;
    live_sequence: string;
  }[] = await source.query(`SELECT * FROM sessions WHERE id = $1`, [sessionId]);
  const row = rows[0];
  if (!row) throw new DomainError('SESSION_NOT_FOUND');
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    scheduledAt: row.scheduled_at.toISOString(),
    place: row.place,
    virtualUrl: row.virtual_url,
    currentItemId: row.current_item_id,
    openedAt: row.opened_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    sequence: Number(row.live_sequence),
  };
}

/**
 * Everything a client needs to draw the session, read in one REPEATABLE READ transaction so the
 * sequence matches exactly the state shown: events after it are the ones to apply.
 */
export async function buildSnapshot(dataSource: DataSource, sessionId: string): Promise<SessionSnapshot> {
  return dataSource.transaction('REPEATABLE READ', async (m) => {
    const { sequence, ...session } = await sessionView(m, sessionId);
    return {
      sequence,
      session,
      agenda: await agendaOf(m, sessionId),
      attendance: await attendanceOf(m, sessionId),
    };
  });
}
