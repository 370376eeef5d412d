import {
  endExpiredSpeech,
  endSpeech,
  extendSpeech,
  giveFloor,
  requestFloor,
  withdrawFloor,
} from '#application';
import type { SpeechView } from '#contracts';
import type { SpeakerStance } from '#domain';
import { readSessionsWithExpiredSpeech } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/**
 * The speakers list of the current item and the speeches: delegates ask and withdraw, the moderator
 * gives the floor, and a speech ends at its deadline (the timer) or when the moderator ends it.
 */
@Injectable()
export class FloorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
  ) {}

  request(user: AuthenticatedUser, sessionId: string, stance: SpeakerStance): Promise<{ requestId: string }> {
    return this.useCases.run((uow) => requestFloor(uow, user, sessionId, stance));
  }

  withdraw(user: AuthenticatedUser, sessionId: string): Promise<void> {
    return this.useCases.run((uow) => withdrawFloor(uow, user, sessionId));
  }

  giveFloor(user: AuthenticatedUser, sessionId: string, requestId?: string): Promise<SpeechView> {
    return this.useCases.run((uow) => giveFloor(uow, user, sessionId, requestId));
  }

  extend(user: AuthenticatedUser, sessionId: string, seconds: number): Promise<SpeechView> {
    return this.useCases.run((uow) => extendSpeech(uow, user, sessionId, seconds));
  }

  endSpeech(user: AuthenticatedUser, sessionId: string): Promise<void> {
    return this.useCases.run((uow) => endSpeech(uow, user, sessionId));
  }

  /** The timer: ends every speech past its deadline. Safe to run from several processes at once. */
  async endExpiredSpeeches(): Promise<number> {
    // A plain read first: most sweeps find nothing and should cost one indexed query, no transaction.
    const due = await readSessionsWithExpiredSpeech(this.dataSource);
    let ended = 0;
    for (const sessionId of due) {
      if (await this.useCases.run((uow) => endExpiredSpeech(uow, sessionId))) ended += 1;
    }
    return ended;
  }
}
