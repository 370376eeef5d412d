import { Module } from '@nestjs/common';
import { FeedsController } from './feeds.controller.js';
import { FeedsService } from './feeds.service.js';
import { OpenDataController } from './open-data.controller.js';
import { OpenDataService } from './open-data.service.js';

/** Open data: CSV and JSON datasets, the complete dump and the Atom feeds (public). */
@Module({
  controllers: [OpenDataController, FeedsController],
  providers: [OpenDataService, FeedsService],
})
export class OpenDataModule {}
