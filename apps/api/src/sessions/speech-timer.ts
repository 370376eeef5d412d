import { PeriodicTask } from '#jobs';
import { Injectable, Logger } from '@nestjs/common';
import { FloorService } from './floor.service.js';

const SWEEP_MS = 250;

/**
 * Ends speeches at their deadline. A sweep over the database rather than one timer per speech, so a
 * deadline that passes while this process restarts is still honoured by whichever process runs.
 */
@Injectable()
export class SpeechTimer {
  private readonly logger = new Logger('SpeechTimer');
  private readonly sweep = new PeriodicTask({
    everyMs: SWEEP_MS,
    runAtStart: false,
    run: () => this.floor.endExpiredSpeeches(),
    onError: (error) => this.logger.error({ err: error }, 'speech timer sweep failed'),
  });

  constructor(private readonly floor: FloorService) {}

  /** Started by the Runtime: only a serving API process keeps time (not the CLI). */
  start(): void {
    this.sweep.start();
  }

  stop(): Promise<void> {
    return this.sweep.stop();
  }
}
