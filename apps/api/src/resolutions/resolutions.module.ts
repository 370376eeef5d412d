import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { ResolutionsController } from './resolutions.controller.js';

@Module({ imports: [DocumentsModule], controllers: [ResolutionsController] })
export class ResolutionsModule {}
