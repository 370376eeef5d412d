import type { AgendaItemView } from '#contracts';
import type { MotionStatus } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { modifyReturning } from '../database/modify-returning.js';

type Source = DataSource | EntityManager;

export type AgendaItemKind = AgendaItemView['kind'];
export type AgendaItemStatus = AgendaItemView['status'];

export async function readAgenda(source: Source, sessionId: string): Promise<AgendaItemView[]> {
  const rows: {
    id: string;
    position: number;
    kind: AgendaItemKind;
    title: string;
    motion_id: string | null;
    status: AgendaItemStatus;
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
export async function readCurrentItemId(source: Source, sessionId: string): Promise<string | null> {
  const rows: { id: string }[] = await source.query(
    `SELECT id FROM agenda_items WHERE session_id = $1 AND status IN ('in_debate', 'voting')`,
    [sessionId],
  );
  return rows[0]?.id ?? null;
}

/** A motion about to be put on an agenda, locked; drafts are not visible here. */
export interface AgendaMotionRow {
  id: string;
  number: string;
  title: string;
  status: MotionStatus;
  parent_id: string | null;
}

export async function lockMotionForAgenda(
  m: EntityManager,
  motionId: string,
): Promise<AgendaMotionRow | undefined> {
  const rows: AgendaMotionRow[] = await m.query(
    `SELECT id, number, title, status, parent_id FROM motions WHERE id = $1 AND status <> 'draft' FOR UPDATE`,
    [motionId],
  );
  return rows[0];
}

/** Appends an item at the end of the session's agenda. */
export async function insertAgendaItem(
  m: EntityManager,
  item: { sessionId: string; kind: AgendaItemKind; title: string; motionId: string | null },
): Promise<string> {
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO agenda_items (session_id, position, kind, title, motion_id)
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE session_id = $1), $2, $3, $4) RETURNING id`,
    [item.sessionId, item.kind, item.title, item.motionId],
  );
  return row!.id;
}

/** Position uniqueness is checked at commit (deferred), so positions can be rewritten one by one. */
export async function writeAgendaPosition(
  m: EntityManager,
  sessionId: string,
  itemId: string,
  position: number,
): Promise<void> {
  await m.query(`UPDATE agenda_items SET position = $3 WHERE id = $1 AND session_id = $2`, [
    itemId,
    sessionId,
    position,
  ]);
}

export interface AgendaItemStateRow {
  id: string;
  status: AgendaItemStatus;
  kind: AgendaItemKind;
  motion_id: string | null;
}

/** Reads an item of the session without locking it (the session's lock covers removal). */
export async function readAgendaItem(
  m: EntityManager,
  sessionId: string,
  itemId: string,
): Promise<Omit<AgendaItemStateRow, 'kind'> | undefined> {
  const rows: Omit<AgendaItemStateRow, 'kind'>[] = await m.query(
    `SELECT id, status, motion_id FROM agenda_items WHERE id = $1 AND session_id = $2`,
    [itemId, sessionId],
  );
  return rows[0];
}

export async function lockAgendaItem(
  m: EntityManager,
  sessionId: string,
  itemId: string,
): Promise<AgendaItemStateRow | undefined> {
  const rows: AgendaItemStateRow[] = await m.query(
    `SELECT id, status, kind, motion_id FROM agenda_items WHERE id = $1 AND session_id = $2 FOR UPDATE`,
    [itemId, sessionId],
  );
  return rows[0];
}

/** Deletes an item and closes the gap it leaves in the positions. */
export async function deleteAgendaItem(m: EntityManager, sessionId: string, itemId: string): Promise<void> {
  await m.query(`DELETE FROM agenda_items WHERE id = $1`, [itemId]);
  await m.query(
    `UPDATE agenda_items SET position = p.rn FROM (SELECT id, row_number() OVER (ORDER BY position) AS rn FROM agenda_items WHERE session_id = $1) p
     WHERE agenda_items.id = p.id`,
    [sessionId],
  );
}

export async function writeAgendaItemStatus(
  m: EntityManager,
  itemId: string,
  status: AgendaItemStatus,
): Promise<void> {
  await m.query(`UPDATE agenda_items SET status = $2 WHERE id = $1`, [itemId, status]);
}

/** Defers every item not dealt with (pending, or still in debate); returns them. */
export function deferUnfinishedItems(
  m: EntityManager,
  sessionId: string,
): Promise<{ id: string; motion_id: string | null }[]> {
  return modifyReturning<{ id: string; motion_id: string | null }>(
    m,
    `UPDATE agenda_items SET status = 'deferred'
     WHERE session_id = $1 AND status IN ('pending', 'in_debate')
     RETURNING id, motion_id`,
    [sessionId],
  );
}

export interface ItemUnderDebate {
  id: string;
  kind: 'motion' | 'amendment' | 'report' | 'topic';
  title: string;
  motion_id: string | null;
  status: 'in_debate' | 'voting';
}

/** The session's current item (in debate or being voted; at most one), locked for the vote. */
export async function lockItemUnderDebate(
  m: EntityManager,
  sessionId: string,
): Promise<ItemUnderDebate | undefined> {
  const [item]: ItemUnderDebate[] = await m.query(
    `SELECT id, kind, title, motion_id, status FROM agenda_items
     WHERE session_id = $1 AND status IN ('in_debate', 'voting') FOR UPDATE`,
    [sessionId],
  );
  return item;
}

/** The voted item is done (if it is still being voted). */
export async function markVotedItemDone(m: EntityManager, itemId: string): Promise<void> {
  await m.query(`UPDATE agenda_items SET status = 'done' WHERE id = $1 AND status = 'voting'`, [itemId]);
}
