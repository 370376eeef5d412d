import { Module } from '@nestjs/common';
import { ballotBoxProvider } from './ballot-box.provider.js';
import { ElectionDeadlines } from './election-deadlines.js';
import { ElectionNominationsService } from './election-nominations.service.js';
import { ElectionReadsService } from './election-reads.service.js';
import { ElectionVotingService } from './election-voting.service.js';
import { ElectionsController } from './elections.controller.js';

@Module({
  controllers: [ElectionsController],
  providers: [
    ballotBoxProvider,
    ElectionNominationsService,
    ElectionVotingService,
    ElectionReadsService,
    ElectionDeadlines,
  ],
  exports: [ElectionDeadlines],
})
export class ElectionsModule {}
