import {
  admitMotion,
  cosponsorMotion,
  createMotionDraft,
  declareMotionInadmissible,
  editMotionDraft,
  fileMotion,
  withdrawMotion,
  type MotionDraftInput,
} from '#application';
import { Injectable } from '@nestjs/common';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

export type { MotionDraftInput } from '#application';

/** Every change to a motion, each one use case of libs/application/src/motions in its own transaction. */
@Injectable()
export class MotionCommandsService {
  constructor(private readonly useCases: UseCaseRunner) {}

  createDraft(user: AuthenticatedUser, input: MotionDraftInput): Promise<string> {
    return this.useCases.run((uow) => createMotionDraft(uow, user, input));
  }

  updateDraft(user: AuthenticatedUser, id: string, input: Partial<MotionDraftInput>): Promise<void> {
    return this.useCases.run((uow) => editMotionDraft(uow, user, id, input));
  }

  file(user: AuthenticatedUser, id: string): Promise<void> {
    return this.useCases.run((uow) => fileMotion(uow, user, id));
  }

  withdraw(user: AuthenticatedUser, id: string): Promise<void> {
    return this.useCases.run((uow) => withdrawMotion(uow, user, id));
  }

  cosponsor(user: AuthenticatedUser, id: string, support: boolean): Promise<{ changed: boolean }> {
    return this.useCases.run((uow) => cosponsorMotion(uow, user, id, support));
  }

  admit(user: AuthenticatedUser, id: string, decision?: string): Promise<void> {
    return this.useCases.run((uow) => admitMotion(uow, user, id, decision));
  }

  declareInadmissible(user: AuthenticatedUser, id: string, reason: string): Promise<void> {
    return this.useCases.run((uow) => declareMotionInadmissible(uow, user, id, reason));
  }
}
