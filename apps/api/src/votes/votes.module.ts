import { Module } from '@nestjs/common';
import { ballotBoxProvider } from '../elections/ballot-box.provider.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { BallotCastingService } from './ballot-casting.service.js';
import { SecretQuestionService } from './secret-question.service.js';
import { VoteClosingService } from './vote-closing.service.js';
import { VoteDeadlines } from './vote-deadlines.js';
import { VoteOpeningService } from './vote-opening.service.js';
import { VoteProgressPublisher } from './vote-progress.js';
import { VoteStandingService } from './vote-standing.service.js';
import { VotesController } from './votes.controller.js';

@Module({
  imports: [SessionsModule],
  controllers: [VotesController],
  providers: [
    ballotBoxProvider,
    SecretQuestionService,
    VoteOpeningService,
    BallotCastingService,
    VoteClosingService,
    VoteDeadlines,
    VoteProgressPublisher,
    VoteStandingService,
  ],
  exports: [VoteDeadlines, VoteProgressPublisher, BallotCastingService],
})
export class VotesModule {}
