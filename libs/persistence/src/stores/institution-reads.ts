import type { DataSource, EntityManager } from 'typeorm';
import { InstitutionEntity } from '../entities/institution.entity.js';

type Source = DataSource | EntityManager;

/** Institutions by code; the deactivated ones only when asked for. */
export function readInstitutions(source: Source, includeInactive: boolean): Promise<InstitutionEntity[]> {
  return source.getRepository(InstitutionEntity).find({
    where: includeInactive ? {} : { active: true },
    order: { code: 'ASC' },
  });
}

export function readInstitutionByCode(source: Source, code: string): Promise<InstitutionEntity | null> {
  return source.getRepository(InstitutionEntity).findOneBy({ code });
}
