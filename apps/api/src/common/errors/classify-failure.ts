import { DomainError, errorKind, type ErrorCode } from '#domain';
import { isDatabaseUnavailable } from '#persistence';
import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

/** What any thrown value means to a client, before a transport formats it. */
export interface ClassifiedFailure {
  code: ErrorCode;
  params: Record<string, unknown>;
  details?: unknown;
  /** Set when the failure carries its own HTTP status (an HttpException); otherwise the code's kind decides. */
  status?: number;
  log: 'error' | 'warn' | 'none';
}

const CODE_BY_HTTP_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN_ROLE',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors raised by body-parser before a route runs. */
const CODE_BY_BODY_PARSER_TYPE: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'VALIDATION_FAILED',
};

/** Constraint violations that slipped past a service's own checks: a refusal, not a crash. */
const CODE_BY_PG_ERROR: Record<string, ErrorCode> = {
  '23505': 'CONFLICT', // unique violation
  '23503': 'VALIDATION_FAILED',
  '23514': 'VALIDATION_FAILED',
  '22P02': 'VALIDATION_FAILED',
  '22001': 'VALIDATION_FAILED',
  '22007': 'VALIDATION_FAILED',
  '22008': 'VALIDATION_FAILED',
  '22003': 'VALIDATION_FAILED', // numeric value out of range
  '22021': 'VALIDATION_FAILED', // NUL or invalid byte in text
  '22P05': 'VALIDATION_FAILED', // NUL in JSON
  '54000': 'VALIDATION_FAILED', // e.g. a search word too long for the index
  '40P01': 'SERVICE_UNAVAILABLE', // deadlock: rolled back, safe to retry
  '40001': 'SERVICE_UNAVAILABLE', // serialization failure: rolled back, safe to retry
};

/**
 * The one mapping of failures to error codes, shared by every transport (the HTTP filter, the socket
 * acks). Expected refusals are not logged; a database away is a warning (the client may retry, and
 * the outage is logged by the connection); anything internal, and a deadlock or serialisation failure
 * (safe to retry, but a defect to look into), is an error.
 */
export function classifyFailure(failure: unknown): ClassifiedFailure {
  const classified = resolve(failure);
  const kind = errorKind(classified.code);
  const log =
    kind === 'internal' || classified.code === 'SERVICE_UNAVAILABLE'
      ? 'error'
      : kind === 'unavailable'
        ? 'warn'
        : 'none';
  return { ...classified, log };
}

function resolve(failure: unknown): Omit<ClassifiedFailure, 'log'> {
  if (failure instanceof DomainError) {
    return { code: failure.code, params: failure.params, details: failure.details };
  }
  // A refusal thrown inside body-parser (the JSON nesting check) arrives wrapped, with the parser's 403.
  if (failure instanceof HttpException && failure.cause instanceof DomainError) {
    const cause = failure.cause;
    return { code: cause.code, params: cause.params, details: cause.details };
  }
  // Express wraps body-parser failures in an HttpException whose cause carries the parser's type.
  const bodyParserType = (
    (failure instanceof HttpException ? failure.cause : failure) as { type?: unknown } | null
  )?.type;
  if (typeof bodyParserType === 'string' && bodyParserType in CODE_BY_BODY_PARSER_TYPE) {
    return { code: CODE_BY_BODY_PARSER_TYPE[bodyParserType]!, params: { expected: 'utf-8' } };
  }
  if (failure instanceof HttpException) {
    const status = failure.getStatus();
    const code = CODE_BY_HTTP_STATUS[status];
    if (code) {
      const params =
        code === 'FORBIDDEN_ROLE'
          ? { roles: { es: 'quien tenga el rol necesario', en: 'accounts with the required role' } }
          : code === 'UNSUPPORTED_MEDIA_TYPE'
            ? { expected: 'application/json' }
            : {};
      // Health checks answer 503 with which dependency is down.
      return { code, params, status, ...(status === 503 ? { details: failure.getResponse() } : {}) };
    }
    return { code: status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED', params: {}, status };
  }
  // PostgreSQL down or restarting: a coded 503 the client may retry, not an internal error.
  if (isDatabaseUnavailable(failure)) return { code: 'DATABASE_UNAVAILABLE', params: {} };
  if (failure instanceof QueryFailedError) {
    const driverError = failure.driverError as { code?: string; constraint?: string } | undefined;
    const code = driverError?.code ? CODE_BY_PG_ERROR[driverError.code] : undefined;
    if (code) return { code, params: {}, details: { constraint: driverError?.constraint } };
  }
  return { code: 'INTERNAL_ERROR', params: {} };
}
