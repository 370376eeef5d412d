import { actorOf, BallotBoxCipher, closeDueVote, closeVote } from '#application';
import type { VoteView } from '#contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** Closing, counting and the outcome (resolution, amended parent) commit together; live events follow. */
@Injectable()
export class VoteClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly cipher: BallotBoxCipher,
  ) {}

  async close(user: AuthenticatedUser, voteId: string): Promise<VoteView> {
    return this.useCases.settle(await closeVote(this.dataSource, this.cipher, voteId, actorOf(user)));
  }

  /** For the in-process deadline timer (no Redis): the same closer the worker's job runs. */
  async closeIfDue(voteId: string): Promise<VoteView | null> {
    return this.useCases.settle(await closeDueVote(this.dataSource, this.cipher, voteId));
  }
}
