/** Background jobs: their queues, payloads and schedules, shared by whoever enqueues and the worker. */
export const QUEUES = ['maintenance'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Deletes refresh tokens that expired or were revoked long enough ago to be of no use to an audit. */
  'maintenance.purge-refresh-tokens': { olderThanDays: number };
}
export type JobName = keyof JobPayloads;

export interface JobDefinition<N extends JobName> {
  queue: QueueName;
  /** Cron pattern for jobs the worker schedules itself. */
  schedule?: { pattern: string; data: JobPayloads[N] };
}

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  'maintenance.purge-refresh-tokens': {
    queue: 'maintenance',
    schedule: { pattern: '17 3 * * *', data: { olderThanDays: 30 } },
  },
};
