import type { MyBallotView, VoteParticipationView } from '#contracts';
import { DomainError } from '#domain';
import {
  readDelegateStanding,
  readParticipation,
  readQuestionParticipantIds,
  readQuestionParticipation,
  readSeats,
  readVoteState,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** Where delegates stand in a vote: their own standing (delegate), and who has voted, never how (the board). */
@Injectable()
export class VoteStandingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async voteState(voteId: string): Promise<{ status: 'open' | 'closed'; secret: boolean }> {
    const vote = await readVoteState(this.dataSource, voteId);
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    return vote;
  }

  async myBallot(user: AuthenticatedUser, voteId: string): Promise<MyBallotView> {
    const { status, secret } = await this.voteState(voteId);
    const row = await readDelegateStanding(this.dataSource, voteId, user.id);
    // An account with the delegate role but no delegate record behind it.
    if (!row) throw new DomainError('DELEGATE_NOT_ACTIVE');
    // Seated as the seats of the assembly count them (one rule: readSeats); asked only when it decides.
    const seated =
      !row.entitled &&
      !row.titular_entitled &&
      (await readSeats(this.dataSource)).some(
        (seat) => seat.titularId === row.delegate_id || seat.alternateId === row.delegate_id,
      );
    const participated = secret
      ? (await readQuestionParticipantIds(this.dataSource, voteId)).includes(row.delegate_id)
      : row.choice !== null;
    return {
      voteId,
      status,
      secret,
      participated,
      entitled: row.entitled,
      reason: row.entitled
        ? null
        : row.titular_entitled
          ? 'titular_present'
          : seated
            ? 'absent_at_opening'
            : 'not_seated',
      ballot:
        !secret && row.choice && row.revision !== null && row.receipt && row.cast_at
          ? {
              choice: row.choice,
              revision: row.revision,
              receipt: row.receipt,
              castAt: row.cast_at.toISOString(),
              recordedBy: row.recorded_method ? { method: row.recorded_method } : null,
            }
          : null,
    };
  }

  async participation(voteId: string): Promise<VoteParticipationView> {
    const { status, secret } = await this.voteState(voteId);
    // A secret question's ballots are not roll-call ballots: who took part is its participation list.
    const rows = await (secret ? readQuestionParticipation : readParticipation)(this.dataSource, voteId);
    return {
      voteId,
      status,
      entitledCount: rows.length,
      castCount: rows.filter((row) => row.has_voted).length,
      entitled: rows.map((row) => ({
        delegateId: row.delegate_id,
        fullName: row.full_name,
        constituency: { code: row.code, name: row.name },
        hasVoted: row.has_voted,
      })),
    };
  }
}
