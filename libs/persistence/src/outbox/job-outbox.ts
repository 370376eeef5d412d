import type { JobName, JobPayloads } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Asks for a background job inside the caller's transaction: the row commits (or not) with the change
 * that needs the job, and the dispatcher hands it to the queue only after that commit.
 */
export async function enqueueJob<N extends JobName>(
  manager: EntityManager,
  name: N,
  payload: JobPayloads[N],
): Promise<void> {
  await manager.query(`INSERT INTO job_outbox (name, payload) VALUES ($1, $2)`, [
    name,
    JSON.stringify(payload),
  ]);
}

export interface JobOutboxRow {
  id: string;
  name: JobName;
  payload: JobPayloads[JobName];
}

/**
 * Rows not yet handed to a queue, oldest first. `lock` (inside a transaction) skips rows another
 * dispatcher holds, so two processes never hand over the same row at once.
 */
export async function readUndispatchedJobs(
  source: DataSource | EntityManager,
  limit: number,
  lock: 'skip-locked' | 'none',
): Promise<JobOutboxRow[]> {
  return source.query(
    `SELECT id, name, payload FROM job_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT $1${
      lock === 'skip-locked' ? ' FOR UPDATE SKIP LOCKED' : ''
    }`,
    [limit],
  );
}

export async function markJobsDispatched(source: DataSource | EntityManager, ids: string[]): Promise<void> {
  await source.query(`UPDATE job_outbox SET dispatched_at = now() WHERE id = ANY ($1::bigint[])`, [ids]);
}
