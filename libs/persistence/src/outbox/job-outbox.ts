import type { JobName, JobPayloads } from '#contracts';
import type { EntityManager } from 'typeorm';

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
