import {
  createInstitution,
  institutionView,
  readInstitutionView,
  removeInstitution,
  updateInstitution,
  type InstitutionChangesInput,
  type InstitutionView,
  type NewInstitution,
} from '#application';
import { readInstitutions } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';

export type { InstitutionView } from '#application';

/** Institutions that resolutions bind (libs/application/src/institutions). */
@Injectable()
export class InstitutionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
  ) {}

  async list(includeInactive: boolean): Promise<InstitutionView[]> {
    return (await readInstitutions(this.dataSource, includeInactive)).map(institutionView);
  }

  get(code: string): Promise<InstitutionView> {
    return readInstitutionView(this.dataSource, code);
  }

  create(input: NewInstitution): Promise<InstitutionView> {
    return this.useCases.run((uow) => createInstitution(uow, input));
  }

  update(code: string, changes: InstitutionChangesInput): Promise<InstitutionView> {
    return this.useCases.run((uow) => updateInstitution(uow, code, changes));
  }

  async remove(code: string): Promise<void> {
    await this.useCases.run((uow) => removeInstitution(uow, code));
  }
}
