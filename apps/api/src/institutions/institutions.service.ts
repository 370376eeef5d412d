import { DomainError } from '#domain';
import { InstitutionEntity, type InstitutionKind } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';

export type InstitutionView = Pick<InstitutionEntity, 'id' | 'code' | 'name' | 'kind' | 'active'>;

const view = ({ id, code, name, kind, active }: InstitutionEntity): InstitutionView => ({
  id,
  code,
  name,
  kind,
  active,
});

@Injectable()
export class InstitutionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(InstitutionEntity);
  }

  async list(includeInactive: boolean): Promise<InstitutionView[]> {
    const rows = await this.repository.find({
      where: includeInactive ? {} : { active: true },
      order: { code: 'ASC' },
    });
    return rows.map(view);
  }

  async get(code: string): Promise<InstitutionView> {
    const row = await this.repository.findOneBy({ code });
    if (!row) throw new DomainError('INSTITUTION_NOT_FOUND', { code });
    return view(row);
  }

  async create(input: { code: string; name: string; kind: InstitutionKind }): Promise<InstitutionView> {
    try {
      return view(await this.repository.save({ ...input, name: input.name.trim(), active: true }));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new DomainError('INSTITUTION_CODE_TAKEN', { code: input.code });
      }
      throw error;
    }
  }

  async update(
    code: string,
    changes: { name?: string; kind?: InstitutionKind; active?: boolean },
  ): Promise<InstitutionView> {
    const current = await this.get(code);
    await this.repository.update(
      { id: current.id },
      { ...changes, ...(changes.name ? { name: changes.name.trim() } : {}) },
    );
    return this.get(code);
  }

  async remove(code: string): Promise<void> {
    const current = await this.get(code);
    try {
      await this.repository.delete({ id: current.id });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') {
        throw new DomainError('INSTITUTION_IN_USE', { code });
      }
      throw error;
    }
  }
}
