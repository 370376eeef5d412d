import { DomainError } from '#domain';
import { readInstitutionByCode, type InstitutionEntity } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

export type InstitutionView = Pick<InstitutionEntity, 'id' | 'code' | 'name' | 'kind' | 'active'>;

export const institutionView = ({ id, code, name, kind, active }: InstitutionEntity): InstitutionView => ({
  id,
  code,
  name,
  kind,
  active,
});

export async function readInstitutionView(
  source: DataSource | EntityManager,
  code: string,
): Promise<InstitutionView> {
  const row = await readInstitutionByCode(source, code);
  if (!row) throw new DomainError('INSTITUTION_NOT_FOUND', { code });
  return institutionView(row);
}
