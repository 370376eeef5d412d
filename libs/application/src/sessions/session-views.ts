import type { SessionSnapshot, SpeakerView } from '#contracts';
import { computeQuorum, orderSpeakers, type QuorumRule } from '#domain';
import { readPresentDelegateIds, readSeats, readWaitingSpeakers } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

/** Who is present and whether the session has its quorum, as the board and the record show it. */
export async function attendanceView(
  source: Source,
  sessionId: string,
  rule: QuorumRule,
): Promise<SessionSnapshot['attendance']> {
  const present = await readPresentDelegateIds(source, sessionId);
  const quorum = computeQuorum(await readSeats(source), new Set(present), rule);
  const counted = new Set(quorum.presentDelegateIds);
  return {
    presentDelegateIds: quorum.presentDelegateIds,
    uncountedDelegateIds: present.filter((id) => !counted.has(id)),
    quorum: {
      seated: quorum.seated,
      present: quorum.present,
      required: quorum.required,
      hasQuorum: quorum.hasQuorum,
    },
  };
}

/** The waiting list of an item in the order it will be called (none when there is no item). */
export async function speakersView(source: Source, itemId: string | null): Promise<SpeakerView[]> {
  if (!itemId) return [];
  const rows = await readWaitingSpeakers(source, itemId);
  return orderSpeakers(
    rows.map((row) => ({ ...row, delegateId: row.delegate_id, position: Number(row.position) })),
  ).map((row) => ({
    requestId: row.id,
    delegateId: row.delegateId,
    stance: row.stance,
    requestedAt: row.requested_at.toISOString(),
  }));
}
