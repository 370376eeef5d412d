import {
  actorOf,
  createDelegate,
  delegateView,
  readDelegateView,
  updateDelegate,
  type DelegateChanges,
  type DelegateInput,
  type DelegateView,
} from '#application';
import { assemblyToday, type DelegateStatus } from '#domain';
import { readConstituencies, readDelegateRows, type ConstituencyEntity } from '#persistence';
import type { AppConfig } from '#config';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CredentialsService, type IssuedEnrolmentAnswer } from '../credentials/credentials.service.js';

export type { DelegateInput, DelegateView } from '#application';

export type SeatedDelegateView = DelegateView & { enrolment: IssuedEnrolmentAnswer | null };

/** The roster (libs/application/src/delegates): public reads, and the secretariat's changes as use cases. */
@Injectable()
export class DelegatesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly credentials: CredentialsService,
  ) {}

  constituencies(): Promise<ConstituencyEntity[]> {
    return readConstituencies(this.dataSource);
  }

  /** The secretariat's search also matches the start of the (private) identity document. */
  async list(
    filter: {
      constituency?: string;
      status?: DelegateStatus;
      q?: string;
      term?: 'current' | 'past' | 'upcoming';
    },
    privileged: boolean,
  ): Promise<DelegateView[]> {
    const rows = await readDelegateRows(this.dataSource, {
      ...filter,
      byDocument: privileged,
      today: assemblyToday(),
    });
    return rows.map((row) => delegateView(row, privileged));
  }

  get(id: string, privileged: boolean): Promise<DelegateView> {
    return readDelegateView(this.dataSource, id, privileged);
  }

  /** An account created for the delegate comes with its enrolment code, shown once. */
  async create(input: DelegateInput, actorId: string | null = null): Promise<SeatedDelegateView> {
    const { enrolment, ...delegate } = await this.useCases.run((uow) =>
      createDelegate(uow, actorId, input, this.config.enrolmentCodeTtlHours),
    );
    return { ...delegate, enrolment: enrolment ? this.credentials.withUrl(enrolment) : null };
  }

  /** `actorId`: the secretariat account the public record names for a change of status. */
  update(id: string, changes: DelegateChanges, actorId?: string): Promise<DelegateView> {
    return this.useCases.run((uow) =>
      updateDelegate(uow, id, changes, actorId ? actorOf({ id: actorId }) : null),
    );
  }
}
