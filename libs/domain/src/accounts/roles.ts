export const ROLES = ['admin', 'moderator', 'delegate', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(held: readonly Role[], required: readonly Role[]): boolean {
  return required.length === 0 || required.some((role) => held.includes(role));
}
