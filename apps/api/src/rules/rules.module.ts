import { Global, Module } from '@nestjs/common';
import { RulesController } from './rules.controller.js';
import { RulesService } from './rules.service.js';

/** Global: sessions, motions and the documents read the reglamento in force through RulesService. */
@Global()
@Module({ controllers: [RulesController], providers: [RulesService], exports: [RulesService] })
export class RulesModule {}
