import {
  actorOf,
  applyOfficeChanges,
  assignOffice,
  commissionView,
  createCommission,
  createPosition,
  createTerm,
  officeView,
  positionView,
  termView,
  type AppliedOfficeChanges,
  type CommissionView,
  type NewPosition,
  type OfficeView,
  type PositionView,
  type TermView,
} from '#application';
import { readCommissions, readOffices, readPositions, readTerms } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

export type { CommissionView, OfficeView, PositionView, TermView };

/** Positions of the Mesa and commissions, terms and offices (libs/application/src/offices). */
@Injectable()
export class OfficesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
  ) {}

  async commissions(): Promise<CommissionView[]> {
    return (await readCommissions(this.dataSource)).map(commissionView);
  }

  async positions(): Promise<PositionView[]> {
    return (await readPositions(this.dataSource)).map(positionView);
  }

  async terms(): Promise<TermView[]> {
    return (await readTerms(this.dataSource)).map(termView);
  }

  async offices(termId?: string): Promise<OfficeView[]> {
    return (await readOffices(this.dataSource, termId ? { termId } : {})).map(officeView);
  }

  createCommission(
    user: AuthenticatedUser,
    input: { name: { es: string; en: string } },
  ): Promise<CommissionView> {
    return this.useCases.run((uow) => createCommission(uow, actorOf(user), input));
  }

  createPosition(user: AuthenticatedUser, input: NewPosition): Promise<PositionView> {
    return this.useCases.run((uow) => createPosition(uow, actorOf(user), input));
  }

  createTerm(
    user: AuthenticatedUser,
    input: { label: string; startsAt: string; endsAt: string },
  ): Promise<TermView> {
    return this.useCases.run((uow) => createTerm(uow, actorOf(user), input));
  }

  assign(
    user: AuthenticatedUser,
    input: { positionId: string; termId: string; holderId: string },
  ): Promise<OfficeView> {
    return this.useCases.run((uow) => assignOffice(uow, actorOf(user), input));
  }

  /** What the `offices.apply-changes` job does; `at` is the clock (tests pass their own). */
  applyChanges(at: Date = new Date()): Promise<AppliedOfficeChanges> {
    return this.useCases.run((uow) => applyOfficeChanges(uow, at));
  }
}
