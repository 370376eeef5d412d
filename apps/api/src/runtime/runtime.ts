import type { AppConfig } from '#config';
import { createJobHandlers, JobOutboxDispatcher, type JobQueue } from '#jobs';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SessionRevocations } from '../auth/session-revocations.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { Checkpointer } from '../checkpoints/checkpointer.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JOB_QUEUE } from '../jobs/job-queue.js';
import { LiveRelay } from '../live/live-relay.js';
import { SpeechTimer } from '../sessions/speech-timer.js';
import { VoteDeadlines } from '../votes/vote-deadlines.js';
import { ElectionDeadlines } from '../elections/election-deadlines.js';
import { VoteProgressPublisher } from '../votes/vote-progress.js';

/**
 * Everything a serving API process does by itself: the periodic tasks and, without Redis, the jobs.
 * Started by the entry point once the app (and its socket server) is up, so the CLI, which builds the
 * same modules, never keeps time; stopped in one hook, in order.
 */
@Injectable()
export class Runtime implements BeforeApplicationShutdown {
  private started = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly dispatcher: JobOutboxDispatcher,
    private readonly relay: LiveRelay,
    private readonly publicReads: PublicReadCache,
    private readonly speechTimer: SpeechTimer,
    private readonly voteProgress: VoteProgressPublisher,
    private readonly voteDeadlines: VoteDeadlines,
    private readonly electionDeadlines: ElectionDeadlines,
    private readonly sessions: SessionRevocations,
    private readonly checkpointer: Checkpointer,
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // With Redis the worker runs the jobs. Without, this process does (before anything asks for one),
    // and a deadline closes through the API's own closer.
    if (this.queue.kind === 'in-process')
      await this.queue.consume({
        ...createJobHandlers(this.dataSource, this.config),
        'votes.close-at-deadline': this.voteDeadlines.closeHere,
      });
    this.publicReads.start();
    this.sessions.start();
    this.relay.start();
    this.speechTimer.start();
    this.voteProgress.start();
    this.voteDeadlines.start();
    this.electionDeadlines.start();
    this.dispatcher.start();
    this.checkpointer.start();
  }

  /**
   * Before Nest closes the socket server, its Redis clients and the database. First what writes or
   * asks for jobs; then the queue (in-process jobs finish); the relay last, so it still sends what
   * they committed.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([
      this.dispatcher.stop(),
      this.speechTimer.stop(),
      this.voteProgress.stop(),
      this.voteDeadlines.stop(),
      this.electionDeadlines.stop(),
      this.publicReads.stop(),
      this.sessions.stop(),
      this.checkpointer.stop(),
    ]);
    await this.queue.close();
    await this.relay.stop();
  }
}
