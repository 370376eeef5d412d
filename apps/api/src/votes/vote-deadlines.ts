import { voteDeadlineJobId, type JobPayloads } from '#contracts';
import { VoteNotDueYet } from '#application';
import { PeriodicTask, RetryLater, type JobQueue } from '#jobs';
import { openVotesWithDeadline } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { JOB_QUEUE } from '../jobs/job-queue.js';
import { VoteClosingService } from './vote-closing.service.js';

const RECONCILE_MS = 30_000;
const ENQUEUE_TIMEOUT_MS = 5_000;
const NOT_DUE_RETRY_MS = 250;
const FAILED_RETRY_MS = 1_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the job queue within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Closes votes at their deadline: one delayed `votes.close-at-deadline` job per vote, on the queue
 * chosen at boot (BullMQ, run by the worker; or in-process, run here). Every open vote with a deadline
 * is scheduled again at start and every half minute (idempotently, by job id), so a deadline that
 * passed while every process was down, or whose scheduling was lost after commit, still closes the
 * vote as soon as a process runs.
 */
@Injectable()
export class VoteDeadlines {
  private readonly logger = new Logger('VoteDeadlines');
  private readonly reconciler = new PeriodicTask({
    everyMs: RECONCILE_MS,
    run: () => this.reconcile(),
    onError: (error) =>
      this.logger.error({ err: error }, 'scheduling vote deadlines failed; retrying on the next pass'),
  });
  private readonly scheduling = new Set<Promise<unknown>>();

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly closer: VoteClosingService,
    useCases: UseCaseRunner,
  ) {
    useCases.onVoteDeadline((voteId, deadline) => this.schedule(voteId, deadline));
  }

  /** Started by the Runtime: only a serving API process keeps time (not the CLI). */
  start(): void {
    this.reconciler.start();
  }

  /** After the vote's commit; never blocks the caller (a lost scheduling is redone by the next reconcile). */
  schedule(voteId: string, deadline: Date): void {
    const delayMs = Math.max(0, deadline.getTime() - Date.now());
    const work = this.enqueue(voteId, delayMs);
    const settled: Promise<unknown> = work.finally(() => this.scheduling.delete(settled));
    this.scheduling.add(settled);
  }

  /**
   * The deadline job where this process runs the jobs (no Redis): the API's closer, which tells this
   * process's relay and read cache at once. It retries as it always has, until the vote closes: soon
   * when it came a moment early, every second while closing fails (the database is away).
   */
  readonly closeHere = async ({ voteId }: JobPayloads['votes.close-at-deadline']): Promise<void> => {
    try {
      await this.closer.closeIfDue(voteId);
    } catch (error) {
      if (error instanceof VoteNotDueYet) throw new RetryLater(NOT_DUE_RETRY_MS, { cause: error });
      this.logger.error({ err: error, voteId }, 'closing a vote at its deadline failed; retrying');
      throw new RetryLater(FAILED_RETRY_MS, { cause: error });
    }
  };

  /** Before the socket server and its Redis clients close (the Runtime's hook), and before the queue. */
  async stop(): Promise<void> {
    await this.reconciler.stop();
    await Promise.allSettled([...this.scheduling]);
  }

  private async enqueue(voteId: string, delayMs: number): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          'votes.close-at-deadline',
          { voteId },
          { id: voteDeadlineJobId(voteId), delayMs, replaceFinished: true },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn({ err: error, voteId }, 'could not schedule the vote deadline job; will retry');
    }
  }

  private async reconcile(): Promise<void> {
    for (const vote of await openVotesWithDeadline(this.dataSource)) this.schedule(vote.id, vote.deadline);
  }
}
