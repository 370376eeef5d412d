import type { AppConfig } from '#config';
import { JOBS, QUEUES, type JobName } from '#contracts';
import { connectDatabase, dataSourceOptions, runMigrations } from '#persistence';
import { Queue, Worker, type Job } from 'bullmq';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { createJobHandlers } from '#jobs';

export interface RunningWorker {
  queues: Map<string, Queue>;
  close(): Promise<void>;
}

/**
 * Connects the database and, with REDIS_URL, one BullMQ worker per queue. Without Redis there is
 * nothing to consume: the API runs its jobs in-process and this returns null.
 */
export async function startWorker(config: AppConfig): Promise<RunningWorker | null> {
  const log = pino({ level: config.logLevel, base: { service: 'worker' } });
  if (!config.redisUrl) {
    log.warn('REDIS_URL is not set: the worker has nothing to consume (the API runs jobs in-process)');
    return null;
  }
  const database = await connectDatabase(config, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
  const dataSource = new DataSource(
    dataSourceOptions(database.url, 'asamblea-worker', { statementTimeoutMs: config.statementTimeoutMs }),
  );
  await dataSource.initialize();
  await runMigrations(dataSource);

  const registry = createJobHandlers(dataSource, config);

  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection, prefix: config.queuePrefix });
    queue.on('error', (error) => log.warn({ queue: name, err: error }, 'queue connection error'));
    queues.set(name, queue);
    const worker = new Worker(
      name,
      async (job: Job) => {
        const handler = registry[job.name as JobName] as (payload: unknown) => Promise<unknown>;
        if (!handler) throw new Error(`No handler for job ${job.name}`);
        return handler(job.data);
      },
      { connection, prefix: config.queuePrefix, concurrency: 10 },
    );
    worker.on('failed', (job, error) => log.error({ job: job?.name, id: job?.id, err: error }, 'job failed'));
    worker.on('error', (error) => log.error({ err: error }, 'worker error'));
    workers.push(worker);
  }
  for (const [name, definition] of Object.entries(JOBS)) {
    if (!definition.schedule) continue;
    await queues
      .get(definition.queue)!
      .upsertJobScheduler(
        name,
        { pattern: definition.schedule.pattern },
        { name, data: definition.schedule.data, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
      );
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  log.info({ queues: QUEUES }, 'worker ready');

  return {
    queues,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await dataSource.destroy();
      await database.stop();
    },
  };
}
