import type { AppConfig } from '#config';
import {
  connectDatabase,
  errorWithoutValues,
  dataSourceOptions,
  migrateDatabase,
  ownerIsSeparate,
  recordProtectionBypass,
} from '#persistence';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { createJobHandlers, createJobQueue, JobOutboxDispatcher } from '#jobs';

export interface RunningWorker {
  queues: Map<string, Queue>;
  close(): Promise<void>;
}

/**
 * Connects the database and, with REDIS_URL, consumes every queue and drains `job_outbox` (as the API
 * does, so jobs are handed over even when no API process runs). Without Redis there is nothing to
 * consume: the API runs its jobs in-process and this returns null.
 */
export async function startWorker(config: AppConfig): Promise<RunningWorker | null> {
  const log = pino({
    level: config.logLevel,
    base: { service: 'worker' },
    serializers: { err: errorWithoutValues },
  });
  const queue = createJobQueue(config, log);
  if (queue.kind !== 'bullmq') {
    await queue.close();
    log.warn('REDIS_URL is not set: the worker has nothing to consume (the API runs jobs in-process)');
    return null;
  }
  try {
    const database = await connectDatabase(config, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
    const dataSource = new DataSource(
      dataSourceOptions(database.url, 'asamblea-worker', { statementTimeoutMs: config.statementTimeoutMs }),
    );
    if (ownerIsSeparate(database)) await migrateDatabase(database);
    await dataSource.initialize();
    if (!ownerIsSeparate(database)) await migrateDatabase(database, dataSource);
    const bypass =
      config.env === 'production' ? await recordProtectionBypass((sql) => dataSource.query(sql)) : null;
    if (bypass)
      log.warn(`DATABASE_URL can bypass the record's protection: ${bypass} (README, «Least privilege»)`);

    await queue.consume(createJobHandlers(dataSource, config));
    const dispatcher = new JobOutboxDispatcher(dataSource, queue, log);
    dispatcher.start();
    log.info({ queues: [...queue.queues.keys()] }, 'worker ready');

    return {
      queues: queue.queues,
      close: async () => {
        await dispatcher.stop();
        await queue.close();
        await dataSource.destroy();
        await database.stop();
      },
    };
  } catch (error) {
    await queue.close().catch(() => undefined);
    throw error;
  }
}
