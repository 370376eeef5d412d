import { inTransaction, type AfterCommit, type Outcome, type UnitOfWork } from '#application';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Checkpointer } from '../checkpoints/checkpointer.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { LiveRelay } from '../live/live-relay.js';

/**
 * How the API runs a use case of libs/application: one transaction, then the effects the use case
 * declared (publish the live events now, re-read the public cache, arm vote deadlines). Services and
 * gateways call use cases through this; nothing else nudges the relay by hand.
 */
@Injectable()
export class UseCaseRunner {
  private armDeadline: ((voteId: string, deadline: Date) => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: LiveRelay,
    private readonly publicReads: PublicReadCache,
    private readonly checkpointer: Checkpointer,
  ) {}

  /** The vote deadline clock registers here (it depends on the runner to close votes, not the reverse). */
  onVoteDeadline(arm: (voteId: string, deadline: Date) => void): void {
    this.armDeadline = arm;
  }

  async run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const { result, after } = await inTransaction(this.dataSource, work);
    this.apply(after);
    return result;
  }

  /** For use cases that run their own transaction(s) and return an Outcome. */
  settle<T>(outcome: Outcome<T>): T {
    this.apply(outcome.after);
    return outcome.result;
  }

  apply(after: AfterCommit): void {
    if (after.publicReads) this.publicReads.changed();
    if (after.live) this.relay.nudge();
    for (const { voteId, deadline } of after.voteDeadlines) this.armDeadline?.(voteId, deadline);
    if (after.checkpoint) this.checkpointer.soon();
  }
}
