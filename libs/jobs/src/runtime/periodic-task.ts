export interface PeriodicTaskOptions {
  /** Between two runs; a run still going when the next is due is not doubled (that tick is skipped). */
  everyMs: number;
  /** One run. `signal` is aborted by `stop()`, so a long run can end early. */
  run: (signal: AbortSignal) => Promise<unknown>;
  /** A failed run ends here; the next one is tried as usual. */
  onError: (error: unknown) => void;
  /** Run once at `start()` (default), or wait for the first interval. */
  runAtStart?: boolean;
}

/**
 * The one way this code base keeps time: a function run every few milliseconds, never twice at once,
 * on a timer that does not keep the process alive. `stop()` waits for the run in flight, so whoever
 * stops it may then close what the run uses.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private state: 'new' | 'started' | 'stopped' = 'new';
  private readonly abort = new AbortController();

  constructor(private readonly options: PeriodicTaskOptions) {}

  get started(): boolean {
    return this.state === 'started';
  }

  /** Starts the clock; a second call, or one after `stop()`, does nothing. */
  start(): void {
    if (this.state !== 'new') return;
    this.state = 'started';
    this.timer = setInterval(() => {
      if (!this.inFlight) this.launch();
    }, this.options.everyMs);
    this.timer.unref();
    if (this.options.runAtStart ?? true) this.launch();
  }

  /** Runs now, or once more right after the run in flight (any number of asks meanwhile make one run). */
  runNow(): void {
    if (this.state !== 'started') return;
    if (this.inFlight) this.again = true;
    else this.launch();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private launch(): void {
    this.inFlight = this.runWhileAsked().finally(() => {
      this.inFlight = null;
    });
  }

  private async runWhileAsked(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.options.run(this.abort.signal);
      } catch (error) {
        try {
          this.options.onError(error);
        } catch {
          // Reporting failed too: nothing is left to tell, and the clock must go on.
        }
      }
    } while (this.again && this.state === 'started');
  }
}
