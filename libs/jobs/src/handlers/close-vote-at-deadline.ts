import type { JobPayloads } from '#contracts';
import { BallotBoxCipher, closeDueVote } from '#application';
import type { AppConfig } from '#config';
import { SecretBox } from '#domain';
import type { DataSource } from 'typeorm';

export function closeVoteAtDeadline(dataSource: DataSource, config: AppConfig) {
  // A secret question's box is opened at the close, under SECRETS_KEY as in the API.
  const cipher = new BallotBoxCipher(new SecretBox(config.secretsKey));
  return async ({ voteId }: JobPayloads['votes.close-at-deadline']): Promise<{ closed: boolean }> => {
    // The worker serves no sockets: the API processes' relays publish the live events from the outbox.
    const { result } = await closeDueVote(dataSource, cipher, voteId);
    return { closed: result !== null };
  };
}
