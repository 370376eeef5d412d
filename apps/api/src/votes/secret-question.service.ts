import { BallotBoxCipher, castSecretQuestionBallot } from '#application';
import type {
  FoundQuestionBallotView,
  SecretQuestionBallotsView,
  SecretQuestionChoice,
  SecretQuestionParticipationView,
  SecretQuestionReceipt,
} from '#contracts';
import { DomainError, parseTrackerCode } from '#domain';
import {
  readQuestionBallot,
  readQuestionBallots,
  readQuestionBallotsHash,
  readQuestionParticipation,
  readVoteForSecretBallot,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** A secret question's ballots (delegate), participation, published ballots and a voter's check (public). */
@Injectable()
export class SecretQuestionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly cipher: BallotBoxCipher,
  ) {}

  cast(
    user: AuthenticatedUser,
    voteId: string,
    input: { tracker: string; choice: SecretQuestionChoice },
  ): Promise<SecretQuestionReceipt> {
    return this.useCases.run((uow) =>
      castSecretQuestionBallot(uow, this.cipher, user, voteId.toLowerCase(), input),
    );
  }

  private async secretVote(voteId: string) {
    const vote = await readVoteForSecretBallot(this.dataSource.manager, voteId);
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    if (!vote.secret) throw new DomainError('VOTE_NOT_SECRET');
    return vote;
  }

  async participation(voteId: string): Promise<SecretQuestionParticipationView> {
    const vote = await this.secretVote(voteId);
    const rows = await readQuestionParticipation(this.dataSource, vote.id);
    return {
      voteId: vote.id,
      status: vote.status,
      entitledCount: rows.length,
      participationCount: rows.filter((row) => row.has_voted).length,
      entitled: rows.map((row) => ({
        delegateId: row.delegate_id,
        fullName: row.full_name,
        constituency: { code: row.code, name: row.name },
        hasVoted: row.has_voted,
      })),
    };
  }

  async ballots(voteId: string): Promise<SecretQuestionBallotsView> {
    const vote = await this.secretVote(voteId);
    if (vote.status !== 'closed') throw new DomainError('VOTE_NOT_CLOSED');
    return {
      voteId: vote.id,
      ballots: await readQuestionBallots(this.dataSource, vote.id),
      secretBallotsHash: (await readQuestionBallotsHash(this.dataSource, vote.id))!,
    };
  }

  async find(voteId: string, typed: string): Promise<FoundQuestionBallotView> {
    const vote = await this.secretVote(voteId);
    const tracker = parseTrackerCode(typed);
    if (!tracker) return { found: false, reason: 'malformed' };
    if (vote.status !== 'closed') return { found: false, reason: 'open' };
    const ballot = await readQuestionBallot(this.dataSource, vote.id, tracker);
    return ballot
      ? { found: true, voteId: vote.id, tracker, choice: ballot.choice }
      : { found: false, reason: 'absent' };
  }
}
