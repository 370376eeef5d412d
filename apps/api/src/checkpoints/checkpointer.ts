import { NotTheRecordsKey, signCheckpoint } from '#application';
import type { AppConfig } from '#config';
import { signingKeyFromSeed, type Checkpoint, type SigningKey } from '#domain';
import { PeriodicTask } from '#jobs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * Signs a checkpoint of the record every CHECKPOINT_INTERVAL_SECONDS while it grows, and right after a
 * session closes or a resolution is issued (the use case asks, the runner calls `soon`). A lost ask is
 * made good by the next interval. Several API processes may run this: one checkpoint per sequence.
 */
@Injectable()
export class Checkpointer {
  private readonly logger = new Logger('Checkpointer');
  readonly key: SigningKey;
  readonly previousKey: SigningKey | null;
  private readonly task: PeriodicTask;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.key = signingKeyFromSeed(config.record.signingKey);
    this.previousKey = config.record.previousSigningKey
      ? signingKeyFromSeed(config.record.previousSigningKey)
      : null;
    this.task = new PeriodicTask({
      everyMs: config.record.checkpointIntervalSeconds * 1000,
      runAtStart: true,
      run: () => this.sign(),
      onError: (error) =>
        error instanceof NotTheRecordsKey
          ? this.logger.warn(error.message)
          : this.logger.error({ err: error }, 'signing a checkpoint failed'),
    });
  }

  /** Signs the head now (if it is not signed yet) and returns the latest checkpoint. */
  sign(): Promise<Checkpoint | null> {
    return signCheckpoint(this.dataSource, this.key);
  }

  /** After the commit of a session close or a resolution. */
  soon(): void {
    this.task.runNow();
  }

  /** Started by the Runtime: only a serving API process keeps time (not the CLI). */
  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }
}
