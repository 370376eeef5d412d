import { PeriodicTask } from './periodic-task.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('PeriodicTask', () => {
  const tasks: PeriodicTask[] = [];
  const task = (options: ConstructorParameters<typeof PeriodicTask>[0]) => {
    const created = new PeriodicTask(options);
    tasks.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(tasks.splice(0).map((t) => t.stop()));
  });

  it('runs at start and then every interval, until stopped', async () => {
    let runs = 0;
    const clock = task({ everyMs: 20, run: async () => void (runs += 1), onError: () => undefined });
    clock.start();
    expect(runs).toBe(1);
    await sleep(110);
    expect(runs).toBeGreaterThanOrEqual(3);
    await clock.stop();
    const stoppedAt = runs;
    await sleep(60);
    expect(runs).toBe(stoppedAt);
  });

  it('can wait for its first interval instead', async () => {
    let runs = 0;
    const clock = task({
      everyMs: 100,
      runAtStart: false,
      run: async () => void (runs += 1),
      onError: () => undefined,
    });
    const started = Date.now();
    clock.start();
    await sleep(5);
    expect(runs).toBe(0);
    // Polled, not slept for a fixed time: a loaded CI machine ran the tick twice inside a fixed 50 ms.
    while (runs === 0 && Date.now() - started < 2_000) await sleep(10);
    expect(runs).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('never runs twice at once: a tick that finds a run going is skipped', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const clock = task({
      everyMs: 5,
      run: async () => {
        running += 1;
        runs += 1;
        most = Math.max(most, running);
        await sleep(30);
        running -= 1;
      },
      onError: () => undefined,
    });
    clock.start();
    await sleep(100);
    await clock.stop();
    expect(most).toBe(1);
    expect(runs).toBeLessThanOrEqual(4);
  });

  it('reports a failed run and keeps its clock', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const clock = task({
      everyMs: 10,
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error('first run fails');
      },
      onError: (error) => errors.push(error),
    });
    clock.start();
    await sleep(50);
    expect(errors).toEqual([new Error('first run fails')]);
    expect(runs).toBeGreaterThan(1);
  });

  it('survives a reporter that throws', async () => {
    let runs = 0;
    const clock = task({
      everyMs: 10,
      run: async () => {
        runs += 1;
        throw new Error('always');
      },
      onError: () => {
        throw new Error('the logger broke');
      },
    });
    clock.start();
    await sleep(45);
    expect(runs).toBeGreaterThan(1);
    await expect(clock.stop()).resolves.toBeUndefined();
  });

  it('stop() waits for the run in flight, and aborts its signal', async () => {
    const release = gate();
    let finished = false;
    let aborted = false;
    const clock = task({
      everyMs: 1000,
      run: async (signal) => {
        signal.addEventListener('abort', () => (aborted = true));
        await release.opened;
        finished = true;
      },
      onError: () => undefined,
    });
    clock.start();
    let stopped = false;
    const stopping = clock.stop().then(() => (stopped = true));
    await sleep(10);
    expect(aborted).toBe(true);
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(finished).toBe(true);
  });

  it('runNow() runs at once, or once more after the run in flight however often it is asked', async () => {
    const release = gate();
    let runs = 0;
    const clock = task({
      everyMs: 60_000,
      runAtStart: false,
      run: async () => {
        runs += 1;
        if (runs === 1) await release.opened;
      },
      onError: () => undefined,
    });
    clock.start();
    clock.runNow();
    expect(runs).toBe(1);
    clock.runNow();
    clock.runNow();
    clock.runNow();
    release.open();
    await sleep(10);
    expect(runs).toBe(2);
    clock.runNow();
    await sleep(10);
    expect(runs).toBe(3);
  });

  it('does nothing before start() or after stop(), and starts only once', async () => {
    let runs = 0;
    const clock = task({ everyMs: 60_000, run: async () => void (runs += 1), onError: () => undefined });
    clock.runNow();
    expect(runs).toBe(0);
    clock.start();
    clock.start();
    expect(runs).toBe(1);
    await clock.stop();
    clock.runNow();
    clock.start();
    await sleep(10);
    expect(runs).toBe(1);
    expect(clock.started).toBe(false);
  });

  it('does not keep the process alive', () => {
    const clock = task({ everyMs: 60_000, run: async () => undefined, onError: () => undefined });
    clock.start();
    const timer = (clock as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
  });
});
