import type { EntityManager } from 'typeorm';
import { InstitutionEntity, type InstitutionKind } from '../entities/institution.entity.js';

export interface NewInstitutionRow {
  code: string;
  name: string;
  kind: InstitutionKind;
  active: boolean;
}

export type InstitutionChanges = Partial<Pick<InstitutionEntity, 'name' | 'kind' | 'active'>>;

/** Inserts an institution; answers the row as saved (with its id). */
export function insertInstitution(m: EntityManager, row: NewInstitutionRow): Promise<InstitutionEntity> {
  return m.getRepository(InstitutionEntity).save(row);
}

export async function writeInstitution(
  m: EntityManager,
  id: string,
  changes: InstitutionChanges,
): Promise<void> {
  await m.getRepository(InstitutionEntity).update({ id }, changes);
}

export async function deleteInstitution(m: EntityManager, id: string): Promise<void> {
  await m.getRepository(InstitutionEntity).delete({ id });
}
