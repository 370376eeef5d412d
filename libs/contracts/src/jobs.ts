/** Background jobs: their queues, payloads and schedules, shared by whoever enqueues and the worker. */
export const QUEUES = ['maintenance', 'votes', 'documents', 'webhooks', 'compliance'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Deletes refresh tokens that expired or were revoked long enough ago to be of no use to an audit. */
  'maintenance.purge-refresh-tokens': { olderThanDays: number };
  /** Delayed until a vote's deadline; closes it if still open (idempotent, retried until due). */
  'votes.close-at-deadline': { voteId: string };
  /** Renders the PDF of a resolution, unless the stored one was made from the same source. */
  'documents.render-resolution': { number: string };
  /** Renders the minutes (acta) of a closed session, unless unchanged. */
  'documents.render-minutes': { sessionId: string };
  /** Sends one webhook delivery; retried with exponential backoff, then dead-lettered. */
  'webhooks.deliver': { deliveryId: string };
  /** Daily: marks overdue compliance and warns institutions of approaching deadlines. */
  'compliance.daily-sweep': Record<string, never>;
  /** Every few minutes: asks again for the PDF of a resolution or closed session that has none. */
  'documents.render-missing': Record<string, never>;
  /** Every few minutes: gives a new job to a pending delivery whose job was lost. */
  'webhooks.resume-stalled': Record<string, never>;
  /**
   * Every minute: applies each office start and end that has come (the Mesa's moderator role granted at
   * the term's start, withdrawn at its end), idempotently. `at` only for a test's clock; absent: now.
   */
  'offices.apply-changes': { at?: string };
  /** Every minute: closes each election round whose deadline has passed (the API does so every second). */
  'elections.close-due': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export interface JobDefinition<N extends JobName> {
  queue: QueueName;
  /** Retries on failure (the handler decides what a failure is); default 5 with a 1 s exponential backoff. */
  retry?: { attempts: number; backoffMs: number } | 'webhook';
  /** Cron pattern for jobs the worker schedules itself. */
  schedule?: { pattern: string; data: JobPayloads[N] };
}

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  'maintenance.purge-refresh-tokens': {
    queue: 'maintenance',
    schedule: { pattern: '17 3 * * *', data: { olderThanDays: 30 } },
  },
  // Retried quickly: a deadline reached a moment early (clocks differ) is tried again within the second.
  'votes.close-at-deadline': { queue: 'votes', retry: { attempts: 20, backoffMs: 250 } },
  'documents.render-resolution': { queue: 'documents' },
  'documents.render-minutes': { queue: 'documents' },
  'documents.render-missing': { queue: 'documents', schedule: { pattern: '*/5 * * * *', data: {} } },
  'webhooks.deliver': { queue: 'webhooks', retry: 'webhook' },
  'webhooks.resume-stalled': { queue: 'webhooks', schedule: { pattern: '*/5 * * * *', data: {} } },
  'offices.apply-changes': { queue: 'maintenance', schedule: { pattern: '* * * * *', data: {} } },
  'elections.close-due': { queue: 'votes', schedule: { pattern: '* * * * *', data: {} } },
  'compliance.daily-sweep': {
    queue: 'compliance',
    schedule: { pattern: '10 5 * * *', data: {} }, // 00:10 in Cajamarca (UTC-5)
  },
};

/** One deadline job per vote: scheduling it again (boot, reconcile) never makes a second one. */
export const voteDeadlineJobId = (voteId: string) => `vote-deadline-${voteId}`;
