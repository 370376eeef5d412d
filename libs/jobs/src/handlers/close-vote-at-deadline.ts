import type { JobPayloads } from '#contracts';
import { closeDueVote } from '#persistence';
import type { DataSource } from 'typeorm';

export function closeVoteAtDeadline(dataSource: DataSource) {
  return async ({ voteId }: JobPayloads['votes.close-at-deadline']): Promise<{ closed: boolean }> => {
    const closed = await closeDueVote(dataSource, voteId);
    return { closed: closed !== null };
  };
}
