import { DomainError } from '#domain';
import { ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { assertValueDepth } from './json-depth.js';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.entries(error.constraints).map(([rule, text]) => `${rule}: ${text}`) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisted, unknown fields refused, types transformed; failures become VALIDATION_FAILED with per-field details. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', {}, flatten(errors)),
  });
}

/** `:id` route parameters must be UUIDs; anything else is a 400, not a database error. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', {}, [{ field: 'id', problems: ['isUuid: id must be a UUID'] }]),
});

const socketValidation = createValidationPipe();

/**
 * A socket event's body under the HTTP rules of its DTO (same whitelist, same VALIDATION_FAILED details).
 * socket.io parses the payload itself, so the nesting limit of HTTP bodies is checked here.
 */
export async function validateSocketBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  assertValueDepth(body);
  return (await socketValidation.transform(body, { type: 'body', metatype: dto })) as T;
}
