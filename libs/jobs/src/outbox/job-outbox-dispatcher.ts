import { markJobsDispatched, readUndispatchedJobs } from '#persistence';
import type { DataSource } from 'typeorm';
import type { JobQueue } from '../queue/create-job-queue.js';
import type { JobLog } from '../queue/job-queue.js';
import { PeriodicTask } from '../runtime/periodic-task.js';

const POLL_MS = 500;
const BATCH = 100;

/** The job id of an outbox row: a row handed over twice is still one job. */
const outboxJobId = (rowId: string) => `outbox-${rowId}`;

/**
 * Hands committed `job_outbox` rows to the queue. To BullMQ: rows locked FOR UPDATE SKIP LOCKED, added
 * under their outbox id and marked dispatched in one transaction, so the API and the worker (any
 * number of them) may dispatch at once. In-process: each pending row runs here and is marked done
 * only once its job settled, so a crash runs it again (handlers are idempotent). A crash between the
 * commit and the hand-over loses nothing: the row is still there for the next poll, of any process.
 */
export class JobOutboxDispatcher {
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    log: JobLog,
  ) {
    this.task = new PeriodicTask({
      everyMs: POLL_MS,
      run: () => this.dispatch(),
      onError: (error) => log.warn({ err: error }, 'job dispatch failed; retrying on the next poll'),
    });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    if (queue.kind === 'in-process') {
      const rows = await readUndispatchedJobs(this.dataSource, BATCH, 'none');
      for (const row of rows)
        await queue.add(row.name, row.payload, {
          id: outboxJobId(row.id),
          onSettled: () => this.markDone(row.id),
        });
      return;
    }
    await this.dataSource.transaction(async (m) => {
      const rows = await readUndispatchedJobs(m, BATCH, 'skip-locked');
      for (const row of rows) await queue.add(row.name, row.payload, { id: outboxJobId(row.id) });
      if (rows.length)
        await markJobsDispatched(
          m,
          rows.map((r) => r.id),
        );
    });
  }

  private async markDone(rowId: string): Promise<void> {
    await markJobsDispatched(this.dataSource, [rowId]);
  }
}
