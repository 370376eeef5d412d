import { constraintViolation } from '#persistence';
import { DomainError, type Role } from '#domain';

export function checkLiaisonInstitution(
  roles: readonly Role[],
  institutionId: string | null | undefined,
): void {
  if (roles.includes('liaison') && !institutionId) throw new DomainError('LIAISON_NEEDS_INSTITUTION');
}

/** What a refused account write means: the email is taken, or the institution does not exist. */
export function accountWriteRefusal(
  error: unknown,
  email: string,
  institutionId: string | null | undefined,
): unknown {
  const { code, constraint } = constraintViolation(error);
  if (code === '23505' && constraint?.includes('email')) return new DomainError('EMAIL_TAKEN', { email });
  if (code === '23503') return new DomainError('INSTITUTION_NOT_FOUND', { code: institutionId ?? '' });
  return error;
}
