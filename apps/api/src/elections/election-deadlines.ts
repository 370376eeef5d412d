import { PeriodicTask } from '#jobs';
import { electionsWithDueRound } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ElectionVotingService } from './election-voting.service.js';

const EVERY_MS = 1_000;

/**
 * Closes election rounds at their deadline: every second, each open round whose deadline has passed
 * by the database's clock (the worker's `elections.close-due` job does the same every minute). A ballot
 * after the deadline is refused whether or not the round has been closed yet.
 */
@Injectable()
export class ElectionDeadlines {
  private readonly logger = new Logger('ElectionDeadlines');
  private readonly task = new PeriodicTask({
    everyMs: EVERY_MS,
    run: async () => {
      await this.closeDue();
    },
    onError: (error) => this.logger.error({ err: error }, 'closing due election rounds failed; retrying'),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly voting: ElectionVotingService,
  ) {}

  /** Started by the Runtime: only a serving API process keeps time (not the CLI). */
  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; answers how many rounds it closed. */
  async closeDue(): Promise<number> {
    let closed = 0;
    for (const electionId of await electionsWithDueRound(this.dataSource))
      if (await this.voting.closeIfDue(electionId)) closed += 1;
    return closed;
  }
}
