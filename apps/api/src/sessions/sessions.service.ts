import {
  addAgendaItem,
  changeSessionStatus,
  moveAgendaItem,
  recordAttendance,
  removeAgendaItem,
  reorderAgenda,
  scheduleSession,
  type AddAgendaItemInput,
  type AgendaItemMove,
  type ScheduleSessionInput,
} from '#application';
import type { SessionAction } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** Session changes (libs/application/src/sessions): each runs in one transaction through the runner. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
  ) {}

  async create(user: AuthenticatedUser, input: ScheduleSessionInput): Promise<string> {
    return this.useCases.settle(await scheduleSession(this.dataSource, user, input));
  }

  transition(user: AuthenticatedUser, id: string, action: SessionAction): Promise<void> {
    return this.useCases.run((uow) => changeSessionStatus(uow, user, id, action));
  }

  addItem(user: AuthenticatedUser, id: string, input: AddAgendaItemInput): Promise<string> {
    return this.useCases.run((uow) => addAgendaItem(uow, user, id, input));
  }

  reorder(user: AuthenticatedUser, id: string, itemIds: string[]): Promise<void> {
    return this.useCases.run((uow) => reorderAgenda(uow, user, id, itemIds));
  }

  removeItem(user: AuthenticatedUser, id: string, itemId: string): Promise<void> {
    return this.useCases.run((uow) => removeAgendaItem(uow, user, id, itemId));
  }

  progressItem(user: AuthenticatedUser, id: string, itemId: string, action: AgendaItemMove): Promise<void> {
    return this.useCases.run((uow) => moveAgendaItem(uow, user, id, itemId, action));
  }

  recordAttendance(
    user: AuthenticatedUser,
    id: string,
    present: boolean,
    delegateId?: string,
  ): Promise<void> {
    return this.useCases.run((uow) => recordAttendance(uow, user, id, present, delegateId));
  }
}
