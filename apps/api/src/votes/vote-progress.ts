import { announceVoteProgress } from '#application';
import { PeriodicTask } from '#jobs';
import { Injectable, Logger } from '@nestjs/common';
import { UseCaseRunner } from '../application/use-case-runner.js';

const TICK_MS = 300;

/**
 * Coalesces ballot progress: a few times a second, each open vote whose ballot count changed since
 * the last announcement gets one `vote.progress` event. Ballots themselves publish nothing, so a
 * burst of hundreds costs the public a handful of events.
 */
@Injectable()
export class VoteProgressPublisher {
  private readonly logger = new Logger('VoteProgress');
  private readonly tick = new PeriodicTask({
    everyMs: TICK_MS,
    runAtStart: false,
    run: async () => {
      await this.publish();
    },
    onError: (error) => this.logger.error({ err: error }, 'vote progress tick failed'),
  });

  constructor(private readonly useCases: UseCaseRunner) {}

  /** Started by the Runtime: only a serving API process announces progress (not the CLI). */
  start(): void {
    this.tick.start();
  }

  /** Before the socket server and its Redis clients close, so nothing is emitted into a closed connection. */
  stop(): Promise<void> {
    return this.tick.stop();
  }

  /** Runs one announcement (the use case); the runner publishes what it wrote. */
  publish(): Promise<number> {
    return this.useCases.run((uow) => announceVoteProgress(uow));
  }
}
