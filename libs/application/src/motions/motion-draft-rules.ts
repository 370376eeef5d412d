import { assemblyToday, DomainError } from '#domain';
import { activeInstitutionsByCode, knownObjectiveCodes, replaceMotionLinks } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

export function checkComplianceDeadline(deadline: string | null | undefined): void {
  if (deadline && deadline <= assemblyToday()) throw new DomainError('DEADLINE_IN_PAST');
}

/** Links the motion to exactly these plan objectives and active institutions; unknown codes are refused. */
export async function linkMotion(
  uow: UnitOfWork,
  id: string,
  objectiveCodes: string[],
  institutionCodes: string[],
): Promise<void> {
  const known = await knownObjectiveCodes(uow.m, objectiveCodes);
  const unknownObjectives = objectiveCodes.filter((code) => !known.includes(code));
  if (unknownObjectives.length)
    throw new DomainError('OBJECTIVE_UNKNOWN', { codes: unknownObjectives.join(', ') });
  const institutions = await activeInstitutionsByCode(uow.m, institutionCodes);
  const unknownInstitutions = institutionCodes.filter(
    (code) => !institutions.some((row) => row.code === code),
  );
  if (unknownInstitutions.length)
    throw new DomainError('INSTITUTION_UNKNOWN', { codes: unknownInstitutions.join(', ') });
  await replaceMotionLinks(
    uow.m,
    id,
    objectiveCodes,
    institutions.map((row) => row.id),
  );
}
