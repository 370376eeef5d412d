import type { ErrorCode } from './error-catalogue.js';

/** A refusal the product expects and explains; transports map `code` to a status once each. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
