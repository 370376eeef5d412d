import type { AppConfig } from '#config';
import { assemblyToday } from '#domain';
import { appendLedgerEvent, notifyInstitutions } from '#persistence';
import type { DataSource } from 'typeorm';

interface Track {
  resolution_id: string;
  institution_id: string;
  number: string;
  title: string;
  code: string;
  deadline: string;
  progress: number;
}

const TRACK = `
  SELECT c.resolution_id, c.institution_id, r.number, r.title, i.code, to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.progress
  FROM compliance c JOIN resolutions r ON r.id = c.resolution_id JOIN institutions i ON i.id = c.institution_id`;

/**
 * Daily, idempotent: compliance whose deadline passed unfulfilled becomes `overdue` (in the public
 * record, and the institution is told); institutions are warned once when a deadline is near.
 */
export function complianceDailySweep(dataSource: DataSource, config: AppConfig) {
  return async (): Promise<{ overdue: number; approaching: number }> =>
    dataSource.transaction(async (m) => {
      const today = assemblyToday();
      const overdue: Track[] = await m.query(
        `WITH due AS (
           UPDATE compliance SET status = 'overdue', updated_at = now()
           WHERE status IN ('pending', 'in_progress') AND deadline < $1::date
           RETURNING resolution_id, institution_id)
         ${TRACK} JOIN due USING (resolution_id, institution_id) ORDER BY r.number, i.code`,
        [today],
      );
      for (const track of overdue) {
        const payload = {
          resolutionNumber: track.number,
          institutionCode: track.code,
          status: 'overdue',
          progress: track.progress,
          deadline: track.deadline,
        };
        await appendLedgerEvent(m, {
          type: 'compliance.overdue',
          subject: `resolution:${track.number}`,
          actor: null,
          payload,
        });
        await notifyInstitutions(
          m,
          [track.institution_id],
          'compliance.overdue',
          `compliance.overdue:${track.number}:${track.code}`,
          () => ({
            ...payload,
            title: track.title,
          }),
        );
      }
      const approaching: Track[] = await m.query(
        `WITH near AS (
           UPDATE compliance SET approaching_notified_at = now()
           WHERE status IN ('pending', 'in_progress') AND approaching_notified_at IS NULL
             AND deadline BETWEEN $1::date AND $1::date + $2::int
           RETURNING resolution_id, institution_id)
         ${TRACK} JOIN near USING (resolution_id, institution_id) ORDER BY r.number, i.code`,
        [today, config.deadlineLeadDays],
      );
      for (const track of approaching) {
        await notifyInstitutions(
          m,
          [track.institution_id],
          'deadline.approaching',
          `deadline.approaching:${track.number}:${track.code}:${track.deadline}`,
          () => ({
            resolutionNumber: track.number,
            title: track.title,
            institutionCode: track.code,
            deadline: track.deadline,
            progress: track.progress,
          }),
        );
      }
      return { overdue: overdue.length, approaching: approaching.length };
    });
}
