import { DomainError, errorKind, errorMessage, type ErrorCode, type ErrorKind } from '#domain';
import { isDatabaseUnavailable } from '#persistence';
import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { requestLanguage } from '../http/request-language.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  internal: HttpStatus.INTERNAL_SERVER_ERROR,
};

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
  '23505': 'VALIDATION_FAILED',
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

interface Resolved {
  code: ErrorCode;
  params: Record<string, unknown>;
  details?: unknown;
  status?: number;
}

/** The one place where any failure becomes `{ statusCode, code, message }` in the caller's language. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const resolved = this.resolve(exception);
    const status = resolved.status ?? STATUS_BY_KIND[errorKind(resolved.code)];
    if (status >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'Unhandled error');
    }
    if (response.headersSent) return;
    const language = requestLanguage(request);
    response.status(status).json({
      statusCode: status,
      code: resolved.code,
      message: errorMessage(resolved.code, language, resolved.params),
      ...(resolved.details !== undefined ? { details: resolved.details } : {}),
    });
  }

  private resolve(exception: unknown): Resolved {
    if (exception instanceof DomainError) {
      return { code: exception.code, params: exception.params, details: exception.details };
    }
    // Express wraps body-parser failures in an HttpException whose cause carries the parser's type.
    const bodyParserType = (
      (exception instanceof HttpException ? exception.cause : exception) as { type?: unknown } | null
    )?.type;
    if (typeof bodyParserType === 'string' && bodyParserType in CODE_BY_BODY_PARSER_TYPE) {
      return { code: CODE_BY_BODY_PARSER_TYPE[bodyParserType]!, params: { expected: 'utf-8' } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_HTTP_STATUS[status];
      if (code) {
        const params =
          code === 'FORBIDDEN_ROLE'
            ? { roles: { es: 'quien tenga el rol necesario', en: 'accounts with the required role' } }
            : code === 'UNSUPPORTED_MEDIA_TYPE'
              ? { expected: 'application/json' }
              : {};
        // Health checks answer 503 with which dependency is down.
        return { code, params, status, ...(status === 503 ? { details: exception.getResponse() } : {}) };
      }
      return { code: status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED', params: {}, status };
    }
    // PostgreSQL down or restarting: a coded 503 the client may retry, not an internal error.
    if (isDatabaseUnavailable(exception)) return { code: 'DATABASE_UNAVAILABLE', params: {} };
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string } | undefined)?.code;
      const code = pgCode ? CODE_BY_PG_ERROR[pgCode] : undefined;
      if (code)
        return {
          code,
          params: {},
          details: { constraint: (exception.driverError as { constraint?: string }).constraint },
        };
    }
    return { code: 'INTERNAL_ERROR', params: {} };
  }
}
