import { enqueueJob, readDocumentsNotMade } from '#persistence';
import type { DataSource } from 'typeorm';

// Long enough for the job enqueued with the fact to have run; a render takes well under a second.
const GRACE_MINUTES = 5;

/**
 * Every few minutes, idempotent: a resolution or a closed session still without its PDF some minutes
 * later has lost its render job (Redis restarted without persistence, or a job failed for good); it gets
 * a new one. Rendering twice is harmless: a document made from the same source is not made again.
 */
export function renderMissingDocuments(dataSource: DataSource) {
  return async (): Promise<{ resolutions: number; minutes: number }> =>
    dataSource.transaction(async (m) => {
      const { resolutions, sessions } = await readDocumentsNotMade(m, GRACE_MINUTES);
      for (const number of resolutions) await enqueueJob(m, 'documents.render-resolution', { number });
      for (const sessionId of sessions) await enqueueJob(m, 'documents.render-minutes', { sessionId });
      return { resolutions: resolutions.length, minutes: sessions.length };
    });
}
