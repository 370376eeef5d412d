import { jest } from '@jest/globals';
import type { AppConfig } from '#config';
import { JOBS } from '#contracts';
import type { JobHandlers } from '../job-registry.js';
import { InProcessJobQueue, inProcessEveryMs } from './in-process-job-queue.js';
import { RetryLater, type JobLog } from './job-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// 'webhooks.deliver' takes its policy from the config: two attempts, 10 ms apart.
const config = { webhooks: { maxAttempts: 2, backoffMs: 10 } } as AppConfig;

function recordingLog() {
  const lines: { level: string; message: string }[] = [];
  const log: JobLog = {
    debug: (_, message) => lines.push({ level: 'debug', message }),
    warn: (_, message) => lines.push({ level: 'warn', message }),
    error: (_, message) => lines.push({ level: 'error', message }),
  };
  return { log, lines };
}

function handlers(overrides: Partial<Record<keyof JobHandlers, (payload: never) => Promise<unknown>>>) {
  const noop = async () => undefined;
  return {
    ...Object.fromEntries(Object.keys(JOBS).map((name) => [name, noop])),
    ...overrides,
  } as JobHandlers;
}

describe('InProcessJobQueue', () => {
  let queue: InProcessJobQueue;
  afterEach(() => queue?.close());

  it("runs each scheduled job as often as its cron's minute field says, the daily sweeps hourly", () => {
    expect(inProcessEveryMs(JOBS['offices.apply-changes'].schedule!.pattern)).toBe(60_000);
    expect(inProcessEveryMs(JOBS['elections.close-due'].schedule!.pattern)).toBe(60_000);
    expect(inProcessEveryMs(JOBS['documents.render-missing'].schedule!.pattern)).toBe(5 * 60_000);
    expect(inProcessEveryMs(JOBS['compliance.daily-sweep'].schedule!.pattern)).toBe(60 * 60_000);
    expect(inProcessEveryMs('17 3 * * *')).toBe(60 * 60_000);
    expect(inProcessEveryMs('*/0 * * * *')).toBe(60 * 60_000);
  });

  it('runs a scheduled job again on its own cadence, not only at start', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const runs: string[] = [];
      queue = new InProcessJobQueue(config, recordingLog().log);
      await queue.consume(
        handlers({
          'offices.apply-changes': async () => runs.push('offices'),
          'compliance.daily-sweep': async () => runs.push('compliance'),
        }),
      );
      await jest.advanceTimersByTimeAsync(10);
      expect(runs.sort()).toEqual(['compliance', 'offices']);
      await jest.advanceTimersByTimeAsync(3 * 60_000);
      expect(runs.filter((r) => r === 'offices')).toHaveLength(4);
      expect(runs.filter((r) => r === 'compliance')).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('drops what is added before it consumes (the fact behind every job is asked for again)', async () => {
    const ran: string[] = [];
    queue = new InProcessJobQueue(config, recordingLog().log);
    await queue.add('webhooks.deliver', { deliveryId: 'early' });
    await queue.consume(
      handlers({ 'webhooks.deliver': async (p: { deliveryId: string }) => ran.push(p.deliveryId) }),
    );
    await queue.add('webhooks.deliver', { deliveryId: 'late' });
    await sleep(5);
    expect(ran).toEqual(['late']);
  });

  it('runs one job per id while it is pending, and settles it before the id is free again', async () => {
    let release!: () => void;
    const runs: string[] = [];
    const settled: string[] = [];
    queue = new InProcessJobQueue(config, recordingLog().log);
    await queue.consume(
      handlers({
        'documents.render-minutes': async (p: { sessionId: string }) => {
          runs.push(p.sessionId);
          await new Promise<void>((resolve) => (release = resolve));
        },
      }),
    );
    const add = () =>
      queue.add(
        'documents.render-minutes',
        { sessionId: 's1' },
        { id: 'outbox-1', onSettled: async () => void settled.push('outbox-1') },
      );
    await add();
    await add();
    expect(runs).toEqual(['s1']);
    release();
    await sleep(5);
    expect(settled).toEqual(['outbox-1']);
    await add();
    expect(runs).toEqual(['s1', 's1']);
    release();
  });

  it('waits for a delay', async () => {
    const ran: number[] = [];
    queue = new InProcessJobQueue(config, recordingLog().log);
    await queue.consume(handlers({ 'votes.close-at-deadline': async () => ran.push(Date.now()) }));
    const asked = Date.now();
    await queue.add('votes.close-at-deadline', { voteId: 'v' }, { id: 'vote-deadline-v', delayMs: 40 });
    await sleep(10);
    expect(ran).toEqual([]);
    await sleep(60);
    expect(ran).toHaveLength(1);
    expect(ran[0]! - asked).toBeGreaterThanOrEqual(39);
  });

  it('retries a failing job by the registry policy, then gives up for good and settles it', async () => {
    const { log, lines } = recordingLog();
    let attempts = 0;
    let settled = false;
    queue = new InProcessJobQueue(config, log);
    await queue.consume(
      handlers({
        'webhooks.deliver': async () => {
          attempts += 1;
          throw new Error('receiver down');
        },
      }),
    );
    await queue.add(
      'webhooks.deliver',
      { deliveryId: 'd' },
      { id: 'outbox-2', onSettled: async () => void (settled = true) },
    );
    await sleep(60);
    expect(attempts).toBe(2);
    expect(settled).toBe(true);
    expect(lines).toEqual([
      { level: 'warn', message: 'job failed; retrying' },
      { level: 'error', message: 'job failed for good' },
    ]);
  });

  it('runs a job that asks to be retried later again, without using up its attempts', async () => {
    const { log, lines } = recordingLog();
    let runs = 0;
    queue = new InProcessJobQueue(config, log);
    await queue.consume(
      handlers({
        'webhooks.deliver': async () => {
          runs += 1;
          if (runs < 4) throw new RetryLater(5);
        },
      }),
    );
    await queue.add('webhooks.deliver', { deliveryId: 'd' });
    await sleep(60);
    expect(runs).toBe(4);
    expect(lines).toEqual([]);
  });

  it('runs the scheduled jobs when it starts consuming', async () => {
    const ran: string[] = [];
    queue = new InProcessJobQueue(config, recordingLog().log);
    await queue.consume(
      handlers({
        'compliance.daily-sweep': async () => ran.push('compliance.daily-sweep'),
        'maintenance.purge-refresh-tokens': async () => ran.push('maintenance.purge-refresh-tokens'),
      }),
    );
    await sleep(5);
    expect(ran.sort()).toEqual(['compliance.daily-sweep', 'maintenance.purge-refresh-tokens']);
  });

  it('close() waits for running jobs, forgets delayed ones and takes nothing more', async () => {
    const ran: string[] = [];
    let finished = false;
    queue = new InProcessJobQueue(config, recordingLog().log);
    await queue.consume(
      handlers({
        'documents.render-resolution': async (p: { number: string }) => {
          ran.push(p.number);
          await sleep(30);
          finished = true;
        },
      }),
    );
    await queue.add('documents.render-resolution', { number: 'now' });
    await queue.add('documents.render-resolution', { number: 'later' }, { delayMs: 20 });
    await queue.close();
    expect(finished).toBe(true);
    await queue.add('documents.render-resolution', { number: 'after' });
    await sleep(40);
    expect(ran).toEqual(['now']);
  });
});
