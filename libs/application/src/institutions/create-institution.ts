import { DomainError } from '#domain';
import { constraintViolation, insertInstitution, type InstitutionKind } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { institutionView, type InstitutionView } from './institution-view.js';

export interface NewInstitution {
  code: string;
  name: string;
  kind: InstitutionKind;
}

export async function createInstitution(uow: UnitOfWork, input: NewInstitution): Promise<InstitutionView> {
  try {
    return institutionView(
      await insertInstitution(uow.m, { ...input, name: input.name.trim(), active: true }),
    );
  } catch (error) {
    if (constraintViolation(error).code === '23505') {
      throw new DomainError('INSTITUTION_CODE_TAKEN', { code: input.code });
    }
    throw error;
  }
}
