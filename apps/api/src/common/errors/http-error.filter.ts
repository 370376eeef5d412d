import { errorKind, errorMessage, type ErrorKind } from '#domain';
import { ArgumentsHost, Catch, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestLanguage } from '../http/request-language.js';
import { classifyFailure } from './classify-failure.js';

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

/** HTTP's formatting of a classified failure: `{ statusCode, code, message }` in the caller's language. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const failure = classifyFailure(exception);
    const status = failure.status ?? STATUS_BY_KIND[errorKind(failure.code)];
    if (failure.log === 'error') {
      this.logger.error({ err: exception, path: request.originalUrl }, 'Unhandled error');
    } else if (failure.log === 'warn') {
      this.logger.warn({ err: exception, path: request.originalUrl, code: failure.code }, 'Request failed');
    }
    if (response.headersSent) return;
    const language = requestLanguage(request);
    response.status(status).json({
      statusCode: status,
      code: failure.code,
      message: errorMessage(failure.code, language, failure.params),
      ...(failure.details !== undefined ? { details: failure.details } : {}),
    });
  }
}
