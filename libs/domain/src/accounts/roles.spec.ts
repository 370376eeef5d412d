import { ROLES, hasAnyRole, isRole, type Role } from './roles.js';

describe('ROLES', () => {
  it('lists the four roles once each', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'delegate', 'liaison', 'moderator']);
    expect(new Set(ROLES).size).toBe(ROLES.length);
  });
});

describe('isRole', () => {
  it.each(ROLES)('accepts %s', (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each([
    'Admin',
    'ADMIN',
    ' admin',
    'admin ',
    '',
    'root',
    'delegates',
    undefined,
    null,
    0,
    1,
    true,
    {},
    ['admin'],
    { role: 'admin' },
  ])('rejects %p', (value) => {
    expect(isRole(value)).toBe(false);
  });
});

describe('hasAnyRole', () => {
  it('passes when nothing is required, even with no roles held', () => {
    expect(hasAnyRole([], [])).toBe(true);
    expect(hasAnyRole(['delegate'], [])).toBe(true);
  });

  it('fails when something is required and nothing is held', () => {
    expect(hasAnyRole([], ['admin'])).toBe(false);
  });

  it('passes when one required role is held', () => {
    expect(hasAnyRole(['moderator'], ['admin', 'moderator'])).toBe(true);
    expect(hasAnyRole(['delegate', 'liaison'], ['liaison'])).toBe(true);
  });

  it('fails when none of the required roles is held', () => {
    expect(hasAnyRole(['delegate', 'liaison'], ['admin', 'moderator'])).toBe(false);
  });

  it('does not imply any hierarchy (admin is not a moderator)', () => {
    const held: Role[] = ['admin'];
    expect(hasAnyRole(held, ['moderator'])).toBe(false);
    expect(hasAnyRole(held, ['admin'])).toBe(true);
  });
});
