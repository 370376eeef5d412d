import type { AgendaItemView } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

export async function readAgenda(
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

/** The item being debated or voted (at most one, by a unique index). */
export async function readCurrentItemId(
  source: DataSource | EntityManager,
  sessionId: string,
): Promise<string | null> {
  const rows: { id: string }[] = await source.query(
    `SELECT id FROM agenda_items WHERE session_id = $1 AND status IN ('in_debate', 'voting')`,
    [sessionId],
  );
  return rows[0]?.id ?? null;
}
