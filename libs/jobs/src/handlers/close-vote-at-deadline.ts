import type { JobPayloads } from '#contracts';
import { closeDueVote } from '#application';
import type { DataSource } from 'typeorm';

export function closeVoteAtDeadline(dataSource: DataSource) {
  return async ({ voteId }: JobPayloads['votes.close-at-deadline']): Promise<{ closed: boolean }> => {
    // The worker serves no sockets: the API processes' relays publish the live events from the outbox.
    const { result } = await closeDueVote(dataSource, voteId);
    return { closed: result !== null };
  };
}
