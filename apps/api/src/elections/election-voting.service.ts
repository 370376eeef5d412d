import {
  actorOf,
  BallotBoxCipher,
  castSecretBallot,
  closeDueElectionRound,
  closeElectionRound,
  openElectionRound,
  type ElectionView,
  type OpenElectionRoundInput,
  type SecretBallotReceipt,
} from '#application';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** An election's rounds: opened by the Mesa, secret ballots, closed by the Mesa or at the deadline. */
@Injectable()
export class ElectionVotingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly cipher: BallotBoxCipher,
  ) {}

  open(user: AuthenticatedUser, electionId: string, input: OpenElectionRoundInput): Promise<ElectionView> {
    return this.useCases.run((uow) => openElectionRound(uow, this.cipher, actorOf(user), electionId, input));
  }

  cast(
    user: AuthenticatedUser,
    electionId: string,
    input: { tracker: string; choice: unknown },
  ): Promise<SecretBallotReceipt> {
    return this.useCases.run((uow) => castSecretBallot(uow, this.cipher, user, electionId, input));
  }

  async close(user: AuthenticatedUser, electionId: string): Promise<ElectionView> {
    return this.useCases.settle(
      await closeElectionRound(this.dataSource, this.cipher, electionId, actorOf(user)),
    );
  }

  /** The deadline closer's step for one election (idempotent; null when nothing was due). */
  async closeIfDue(electionId: string): Promise<ElectionView | null> {
    return this.useCases.settle(await closeDueElectionRound(this.dataSource, this.cipher, electionId));
  }
}
