import { Module } from '@nestjs/common';
import { MotionCommandsService } from './motion-commands.service.js';
import { MotionQueriesService } from './motion-queries.service.js';
import { MotionsController } from './motions.controller.js';

@Module({
  controllers: [MotionsController],
  providers: [MotionCommandsService, MotionQueriesService],
  exports: [MotionCommandsService, MotionQueriesService],
})
export class MotionsModule {}
