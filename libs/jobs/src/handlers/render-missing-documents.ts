import { enqueueJob } from '#persistence';
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
      const resolutions: { number: string }[] = await m.query(
        `SELECT r.number FROM resolutions r
         WHERE r.issued_at < now() - make_interval(mins => $1)
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.kind = 'resolution' AND d.subject = r.number)
         ORDER BY r.issued_at LIMIT 100`,
        [GRACE_MINUTES],
      );
      const sessions: { id: string }[] = await m.query(
        `SELECT s.id FROM sessions s
         WHERE s.status = 'closed' AND s.closed_at < now() - make_interval(mins => $1)
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.kind = 'minutes' AND d.subject = s.id::text)
         ORDER BY s.closed_at LIMIT 100`,
        [GRACE_MINUTES],
      );
      for (const { number } of resolutions) await enqueueJob(m, 'documents.render-resolution', { number });
      for (const { id } of sessions) await enqueueJob(m, 'documents.render-minutes', { sessionId: id });
      return { resolutions: resolutions.length, minutes: sessions.length };
    });
}
