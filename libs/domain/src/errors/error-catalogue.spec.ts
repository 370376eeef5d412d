import { DomainError } from './domain-error.js';
import { ROLE_LABELS, roleLabel, rolesPhrase } from './role-labels.js';
import {
  ERROR_CATALOGUE,
  errorKind,
  errorMessage,
  type ErrorCode,
  type ErrorKind,
} from './error-catalogue.js';

const KINDS: readonly ErrorKind[] = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
];

const CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('ERROR_CATALOGUE', () => {
  it('is not empty and its codes are SCREAMING_SNAKE_CASE', () => {
    expect(CODES.length).toBeGreaterThan(0);
    for (const code of CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it.each(CODES)('%s has a known kind and non-empty es and en messages', (code) => {
    const definition = ERROR_CATALOGUE[code];
    expect(KINDS).toContain(definition.kind);
    expect(errorKind(code)).toBe(definition.kind);
    expect(definition.es.trim()).not.toBe('');
    expect(definition.en.trim()).not.toBe('');
  });

  it.each(CODES)('%s uses the same placeholders in es and en', (code) => {
    const { es, en } = ERROR_CATALOGUE[code];
    expect(placeholders(es)).toEqual(placeholders(en));
  });

  it.each(CODES)('%s has no stray or unbalanced braces', (code) => {
    for (const template of [ERROR_CATALOGUE[code].es, ERROR_CATALOGUE[code].en]) {
      const withoutPlaceholders = template.replace(/\{\w+\}/g, '');
      expect(withoutPlaceholders).not.toMatch(/[{}]/);
    }
  });

  it('maps a few codes to the kinds transports rely on', () => {
    expect(errorKind('VALIDATION_FAILED')).toBe('invalid');
    expect(errorKind('AUTH_REQUIRED')).toBe('unauthenticated');
    expect(errorKind('FORBIDDEN_ROLE')).toBe('forbidden');
    expect(errorKind('USER_NOT_FOUND')).toBe('not_found');
    expect(errorKind('EMAIL_TAKEN')).toBe('conflict');
    expect(errorKind('CONFLICT')).toBe('conflict');
    expect(errorKind('CSV_INVALID')).toBe('unprocessable');
    expect(errorKind('PAYLOAD_TOO_LARGE')).toBe('too_large');
    expect(errorKind('UNSUPPORTED_MEDIA_TYPE')).toBe('unsupported_media_type');
    expect(errorKind('RATE_LIMITED')).toBe('rate_limited');
    expect(errorKind('SERVICE_UNAVAILABLE')).toBe('unavailable');
    expect(errorKind('DATABASE_UNAVAILABLE')).toBe('unavailable');
    expect(errorKind('INTERNAL_ERROR')).toBe('internal');
  });
});

describe('errorMessage', () => {
  it('returns the Spanish or English template as is when it has no placeholders', () => {
    expect(errorMessage('DELEGATE_NOT_FOUND', 'es')).toBe('No existe el delegado.');
    expect(errorMessage('DELEGATE_NOT_FOUND', 'en')).toBe('No such delegate.');
  });

  it('interpolates {name} params in both languages', () => {
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'es', { code: 'MINSA' })).toBe(
      'No existe la institución MINSA.',
    );
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'en', { code: 'MINSA' })).toBe(
      'No such institution: MINSA.',
    );
    expect(errorMessage('DOCUMENT_ID_TAKEN', 'en', { documentId: '12345678' })).toBe(
      'A delegate with document 12345678 already exists.',
    );
  });

  it('stringifies non-string params', () => {
    expect(errorMessage('CSV_INVALID', 'es', { count: 3 })).toBe(
      'El archivo CSV tiene 3 error(es); no se importó ninguna fila.',
    );
    expect(errorMessage('CSV_INVALID', 'en', { count: 0 })).toBe(
      'The CSV file has 0 error(s); no row was imported.',
    );
    expect(errorMessage('CSV_INVALID', 'en', { count: [1, 2] })).toBe(
      'The CSV file has 1,2 error(s); no row was imported.',
    );
  });

  it('keeps falsy but present params (null, empty string)', () => {
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'en', { code: '' })).toBe('No such institution: .');
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'en', { code: null })).toBe('No such institution: null.');
  });

  it('leaves placeholders without a param untouched', () => {
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'es')).toBe('No existe la institución {code}.');
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'en', { other: 'x' })).toBe('No such institution: {code}.');
  });

  it('ignores params that the template does not use', () => {
    expect(errorMessage('AUTH_REQUIRED', 'en', { code: 'X', reason: 'y' })).toBe(
      'Authentication is required.',
    );
  });

  it('picks the language from a translated param { es, en }', () => {
    const reason = { es: 'el titular no existe', en: 'the titular does not exist' };
    expect(errorMessage('ALTERNATE_INVALID', 'es', { reason })).toBe(
      'Suplente no válido: el titular no existe',
    );
    expect(errorMessage('ALTERNATE_INVALID', 'en', { reason })).toBe(
      'Invalid alternate: the titular does not exist',
    );
  });

  it('stringifies an object param that lacks the requested language', () => {
    expect(errorMessage('ALTERNATE_INVALID', 'en', { reason: { es: 'solo español' } })).toBe(
      'Invalid alternate: [object Object]',
    );
  });

  it('does not treat $ sequences in params as replacement patterns', () => {
    expect(errorMessage('INSTITUTION_NOT_FOUND', 'en', { code: "$&$'$`$1" })).toBe(
      "No such institution: $&$'$`$1.",
    );
  });

  it('fills every placeholder of every code when all params are given', () => {
    for (const code of CODES) {
      for (const language of ['es', 'en'] as const) {
        const names = placeholders(ERROR_CATALOGUE[code][language]);
        const params = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
        const message = errorMessage(code, language, params);
        expect(message).not.toMatch(/\{\w+\}/);
        for (const name of names) expect(message).toContain(`<${name}>`);
      }
    }
  });
});

describe('FORBIDDEN_ROLE names roles in the reader language', () => {
  it('labels every role in Spanish and English, never with its code name in Spanish', () => {
    expect(ROLE_LABELS.es).toEqual({
      delegate: 'delegado o delegada',
      moderator: 'Mesa Directiva',
      admin: 'Secretaría Técnica',
      liaison: 'enlace de una institución',
    });
    expect(ROLE_LABELS.en).toEqual({
      delegate: 'delegate',
      moderator: 'presiding board (moderator)',
      admin: 'secretariat (admin)',
      liaison: 'institution liaison',
    });
    expect(roleLabel('moderator', 'es')).toBe('Mesa Directiva');
  });

  it('says who the action is for, one role or several', () => {
    expect(errorMessage('FORBIDDEN_ROLE', 'es', { roles: rolesPhrase(['moderator']) })).toBe(
      'Esta acción es solo para la Mesa Directiva.',
    );
    expect(errorMessage('FORBIDDEN_ROLE', 'en', { roles: rolesPhrase(['moderator']) })).toBe(
      'This action is only for the presiding board (moderator).',
    );
    expect(errorMessage('FORBIDDEN_ROLE', 'es', { roles: rolesPhrase(['moderator', 'admin']) })).toBe(
      'Esta acción es solo para la Mesa Directiva o la Secretaría Técnica.',
    );
    expect(errorMessage('FORBIDDEN_ROLE', 'en', { roles: rolesPhrase(['liaison', 'admin']) })).toBe(
      'This action is only for an institution liaison or the secretariat (admin).',
    );
    expect(errorMessage('FORBIDDEN_ROLE', 'es', { roles: rolesPhrase(['delegate']) })).toBe(
      'Esta acción es solo para un delegado o delegada.',
    );
    for (const role of ['admin', 'moderator', 'delegate', 'liaison'] as const)
      expect(errorMessage('FORBIDDEN_ROLE', 'es', { roles: rolesPhrase([role]) })).not.toContain(role);
  });
});

describe('DomainError', () => {
  it('carries code, params and details, and is an Error named DomainError', () => {
    const error = new DomainError('INSTITUTION_NOT_FOUND', { code: 'MINSA' }, { hint: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DomainError');
    expect(error.message).toBe('INSTITUTION_NOT_FOUND');
    expect(error.code).toBe('INSTITUTION_NOT_FOUND');
    expect(error.params).toEqual({ code: 'MINSA' });
    expect(error.details).toEqual({ hint: 1 });
  });

  it('defaults params to {} and details to undefined', () => {
    const error = new DomainError('AUTH_REQUIRED');
    expect(error.params).toEqual({});
    expect(error.details).toBeUndefined();
  });

  it('params feed errorMessage', () => {
    const error = new DomainError('DOCUMENT_ID_TAKEN', { documentId: '87654321' });
    expect(errorMessage(error.code, 'es', error.params)).toBe(
      'Ya existe un delegado con el documento 87654321.',
    );
  });
});
