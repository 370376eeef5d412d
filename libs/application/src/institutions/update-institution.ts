import { writeInstitution, type InstitutionKind } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { readInstitutionView, type InstitutionView } from './institution-view.js';

export interface InstitutionChangesInput {
  name?: string;
  kind?: InstitutionKind;
  active?: boolean;
}

/** Renames, reclassifies or (de)activates an institution; its code never changes. */
export async function updateInstitution(
  uow: UnitOfWork,
  code: string,
  changes: InstitutionChangesInput,
): Promise<InstitutionView> {
  const current = await readInstitutionView(uow.m, code);
  await writeInstitution(uow.m, current.id, {
    ...changes,
    ...(changes.name ? { name: changes.name.trim() } : {}),
  });
  return readInstitutionView(uow.m, code);
}
