import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { ResolutionQueriesService } from './resolution-queries.service.js';
import { ResolutionsController } from './resolutions.controller.js';

@Module({
  imports: [DocumentsModule],
  controllers: [ResolutionsController],
  providers: [ResolutionQueriesService],
})
export class ResolutionsModule {}
