import { actorOf, BallotBoxCipher, openVote, type OpenVoteInput } from '#application';
import type { VoteView } from '#contracts';
import { Injectable } from '@nestjs/common';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

export type { OpenVoteInput };

/** A moderator opens a vote, roll-call or secret as the reglamento says (libs/application/src/votes/open-vote.ts). */
@Injectable()
export class VoteOpeningService {
  constructor(
    private readonly useCases: UseCaseRunner,
    private readonly cipher: BallotBoxCipher,
  ) {}

  open(user: AuthenticatedUser, sessionId: string, input: OpenVoteInput): Promise<VoteView> {
    return this.useCases.run((uow) => openVote(uow, actorOf(user), sessionId, input, this.cipher));
  }
}
