import type { VoteView } from '#contracts';
import { DomainError } from '#domain';
import { closeDueVote, closeLockedVote, lockVote } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { actorOf } from '../delegates/acting-delegate.js';
import { LiveRelay } from '../sessions/live-relay.js';

/** Closing, counting and the outcome (resolution, amended parent) commit together; live events follow. */
@Injectable()
export class VoteClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: LiveRelay,
    private readonly publicReads: PublicReadCache,
  ) {}

  async close(user: AuthenticatedUser, voteId: string): Promise<VoteView> {
    const view = await this.dataSource.transaction(async (m) => {
      const vote = await lockVote(m, voteId);
      if (!vote) throw new DomainError('VOTE_NOT_FOUND');
      const closed = await closeLockedVote(m, vote, { by: 'moderator', actor: actorOf(user) });
      if (!closed) throw new DomainError('VOTE_CLOSED');
      return closed;
    });
    this.publicReads.changed();
    this.relay.nudge();
    return view;
  }

  /** For the in-process deadline timer (no Redis): the same closer the worker's job runs. */
  async closeIfDue(voteId: string): Promise<VoteView | null> {
    const view = await closeDueVote(this.dataSource, voteId);
    if (view) {
      this.publicReads.changed();
      this.relay.nudge();
    }
    return view;
  }
}
