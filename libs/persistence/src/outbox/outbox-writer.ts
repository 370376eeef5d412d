import type { LiveEnvelope, LiveEventData, LiveEventType } from '#contracts';
import type { EntityManager } from 'typeorm';

/**
 * Writes a live event inside the caller's transaction: the session's next sequence number (its row is
 * locked by the update, so numbers are gapless and ordered per session) and an unsent outbox row that
 * the relay publishes after commit.
 */
export async function enqueueLiveEvent<K extends LiveEventType>(
  manager: EntityManager,
  sessionId: string,
  type: K,
  data: LiveEventData[K],
): Promise<LiveEnvelope<LiveEventData[K]>> {
  const [row]: { sequence: string; created_at: Date }[] = await manager.query(
    `WITH next AS (UPDATE sessions SET live_sequence = live_sequence + 1 WHERE id = $1 RETURNING id, live_sequence)
     INSERT INTO outbox (session_id, sequence, type, data)
     SELECT id, live_sequence, $2, $3 FROM next
     RETURNING sequence, created_at`,
    [sessionId, type, JSON.stringify(data)],
  );
  if (!row) throw new Error(`enqueueLiveEvent: no session ${sessionId}`);
  return { sessionId, sequence: Number(row.sequence), type, data, occurredAt: row.created_at.toISOString() };
}

export interface UnsentLiveEvent {
  id: string;
  session_id: string;
  sequence: string;
  type: LiveEventType;
  data: unknown;
  created_at: Date;
}

/** The oldest live events not yet published (the relay holds its lock while it reads and marks them). */
export function readUnsentLiveEvents(m: EntityManager, limit: number): Promise<UnsentLiveEvent[]> {
  return m.query(
    `SELECT id, session_id, sequence, type, data, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  );
}

export async function markLiveEventsSent(m: EntityManager, ids: string[]): Promise<void> {
  await m.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY ($1::bigint[])`, [ids]);
}
