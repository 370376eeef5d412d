import { BallotBoxCipher, closeDueElectionRound } from '#application';
import type { AppConfig } from '#config';
import { SecretBox } from '#domain';
import { electionsWithDueRound } from '#persistence';
import type { DataSource } from 'typeorm';

/** Every minute: the election rounds whose deadline passed, closed (idempotent; the API does it every second). */
export function closeDueElections(dataSource: DataSource, config: AppConfig) {
  const cipher = new BallotBoxCipher(new SecretBox(config.secretsKey));
  return async (): Promise<{ closed: number }> => {
    let closed = 0;
    for (const electionId of await electionsWithDueRound(dataSource))
      if ((await closeDueElectionRound(dataSource, cipher, electionId)).result) closed += 1;
    return { closed };
  };
}
