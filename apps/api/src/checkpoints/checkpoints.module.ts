import { Module } from '@nestjs/common';
import { CheckpointsController } from './checkpoints.controller.js';
import { CheckpointsService } from './checkpoints.service.js';

/** Publishes the checkpoints and keys (the Checkpointer that signs them is in the ApplicationModule). */
@Module({ controllers: [CheckpointsController], providers: [CheckpointsService] })
export class CheckpointsModule {}
