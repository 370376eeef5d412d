import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { FloorService } from './floor.service.js';

const SWEEP_MS = 250;

/**
 * Ends speeches at their deadline. A sweep over the database rather than one timer per speech, so a
 * deadline that passes while this process restarts is still honoured by whichever process runs.
 */
@Injectable()
export class SpeechTimer implements OnApplicationShutdown {
  private readonly logger = new Logger('SpeechTimer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly floor: FloorService) {}

  /** Started by the live gateway: only a serving API process keeps time (not the CLI). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.floor
        .endExpiredSpeeches()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'speech timer sweep failed'))
        .finally(() => {
          this.running = null;
        });
    }, SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
