import { DomainError } from '#domain';
import { constraintViolation, deleteInstitution } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { readInstitutionView } from './institution-view.js';

/** Deletes an unused institution; one that liaisons, resolutions or webhooks name can only be deactivated. */
export async function removeInstitution(uow: UnitOfWork, code: string): Promise<void> {
  const current = await readInstitutionView(uow.m, code);
  try {
    await deleteInstitution(uow.m, current.id);
  } catch (error) {
    if (constraintViolation(error).code === '23503') {
      throw new DomainError('INSTITUTION_IN_USE', { code });
    }
    throw error;
  }
}
