import type { AppConfig } from '#config';
import { JOBS, QUEUES, type JobName, type JobPayloads, type QueueName } from '#contracts';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { JobHandlers } from '../job-registry.js';
import { retryPolicy } from '../retry.js';
import type { JobLog, JobOptions, JobQueueDriver } from './job-queue.js';

const KEEP = { removeOnComplete: 1000, removeOnFail: 5000 };
const KEEP_SCHEDULED = { removeOnComplete: 100, removeOnFail: 1000 };
const WORKER_CONCURRENCY = 10;

export interface RedisQueueSettings {
  url: string;
  /** Namespace of the BullMQ keys, so deployments (or test runs) can share one server. */
  prefix: string;
}

/** The Redis connection of every queue and worker in the tree. */
function connection(url: string, role: 'producer' | 'consumer'): ConnectionOptions {
  return {
    url,
    // BullMQ's workers require it: their blocking commands must not be given up after a few retries.
    maxRetriesPerRequest: null,
    // While Redis is away a producer fails at once (its caller asks again from what PostgreSQL keeps)
    // instead of queueing commands in memory; a worker just waits for Redis to come back.
    ...(role === 'producer' ? { enableOfflineQueue: false } : {}),
  };
}

/**
 * Jobs in Redis (BullMQ). Any process may add; the worker consumes. The only place that builds a
 * BullMQ `Queue`.
 */
export class BullJobQueue implements JobQueueDriver {
  readonly kind = 'bullmq';
  /** One producer per queue; the worker hands them to its tests and tools. */
  readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly redis: RedisQueueSettings,
    private readonly config: AppConfig,
    private readonly log: JobLog,
  ) {
    for (const name of QUEUES) {
      const queue = new Queue(name, { connection: connection(redis.url, 'producer'), prefix: redis.prefix });
      // A failed command reaches its caller; this only keeps BullMQ from printing each reconnect.
      queue.on('error', (error: Error) => log.debug({ err: error, queue: name }, 'queue: Redis error'));
      this.queues.set(name, queue);
    }
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    const queue = this.queues.get(JOBS[name].queue)!;
    if (options.id !== undefined && options.replaceFinished) {
      // A job that gave up (or finished while its fact still stands) would block its id for ever.
      const existing = await queue.getJob(options.id);
      if (existing && ((await existing.isFailed()) || (await existing.isCompleted())))
        await existing.remove();
    }
    const policy = retryPolicy(name, this.config);
    await queue.add(name, payload, {
      ...(options.id !== undefined ? { jobId: options.id } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs },
      ...KEEP,
    });
  }

  /** One BullMQ worker per queue, and the registry's scheduled jobs put on their cron patterns. */
  async consume(handlers: JobHandlers): Promise<void> {
    for (const name of QUEUES) {
      const worker = new Worker(
        name,
        async (job: Job) => {
          const handler = handlers[job.name as JobName] as (payload: unknown) => Promise<unknown>;
          if (!handler) throw new Error(`No handler for job ${job.name}`);
          return handler(job.data);
        },
        {
          connection: connection(this.redis.url, 'consumer'),
          prefix: this.redis.prefix,
          concurrency: WORKER_CONCURRENCY,
        },
      );
      worker.on('failed', (job, error) =>
        this.log.error({ job: job?.name, id: job?.id, err: error }, 'job failed'),
      );
      worker.on('error', (error) => this.log.error({ err: error }, 'worker error'));
      this.workers.push(worker);
    }
    for (const [name, definition] of Object.entries(JOBS)) {
      if (!definition.schedule) continue;
      await this.queues
        .get(definition.queue)!
        .upsertJobScheduler(
          name,
          { pattern: definition.schedule.pattern },
          { name, data: definition.schedule.data, opts: KEEP_SCHEDULED },
        );
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
