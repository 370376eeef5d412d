import type { LiveEnvelope, LiveEventType } from '#contracts';
import type { EntityManager } from 'typeorm';

/**
 * Writes a live event inside the caller's transaction: the session's next sequence number (its row is
 * locked by the update, so numbers are gapless and ordered per session) and an unsent outbox row that
 * the relay publishes after commit.
 */
export async function enqueueLiveEvent<T>(
  manager: EntityManager,
  sessionId: string,
  type: LiveEventType,
  data: T,
): Promise<LiveEnvelope<T>> {
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
