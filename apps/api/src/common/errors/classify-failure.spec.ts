import { DomainError, ERROR_CATALOGUE, errorMessage, type ErrorCode } from '#domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { jest } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { errorAck } from '../../live/socket-ack.js';
import { classifyFailure } from './classify-failure.js';
import { HttpErrorFilter } from './http-error.filter.js';

const withCode = (code: string, extra: object = {}) =>
  Object.assign(new Error(`pg ${code}`), { code, ...extra });
const queryFailed = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT INTO t VALUES ($1)', [1], withCode(code, constraint ? { constraint } : {}));
const bodyParserError = (type: string) => Object.assign(new Error(type), { type });

describe('classifyFailure', () => {
  it('keeps a DomainError as it is, unlogged', () => {
    const failure = classifyFailure(
      new DomainError('DOCUMENT_ID_TAKEN', { documentId: '1234' }, { hint: 1 }),
    );
    expect(failure).toEqual({
      code: 'DOCUMENT_ID_TAKEN',
      params: { documentId: '1234' },
      details: { hint: 1 },
      log: 'none',
    });
  });

  it('logs internal failures and retryable conflicts (deadlocks) as errors, a database away as a warning', () => {
    expect(classifyFailure(new DomainError('INTERNAL_ERROR')).log).toBe('error');
    expect(classifyFailure(new DomainError('SERVICE_UNAVAILABLE')).log).toBe('error');
    expect(classifyFailure(new DomainError('DATABASE_UNAVAILABLE')).log).toBe('warn');
    expect(classifyFailure(new DomainError('VOTE_CLOSED')).log).toBe('none');
  });

  it.each([
    ['entity.parse.failed', 'MALFORMED_JSON'],
    ['entity.too.large', 'PAYLOAD_TOO_LARGE'],
    ['encoding.unsupported', 'UNSUPPORTED_MEDIA_TYPE'],
    ['charset.unsupported', 'UNSUPPORTED_MEDIA_TYPE'],
    ['request.aborted', 'VALIDATION_FAILED'],
  ])('maps the body-parser error %s to %s, bare or wrapped in an HttpException', (type, code) => {
    const expected = { code, params: { expected: 'utf-8' }, log: 'none' };
    expect(classifyFailure(bodyParserError(type))).toEqual(expected);
    expect(classifyFailure(new BadRequestException('x', { cause: bodyParserError(type) }))).toEqual(expected);
  });

  it('does not take an unknown body-parser type for one', () => {
    expect(classifyFailure(bodyParserError('stream.encoding.set')).code).toBe('INTERNAL_ERROR');
    expect(classifyFailure(new BadRequestException('x', { cause: bodyParserError('other') })).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it.each<[string, HttpException, ErrorCode, Record<string, unknown>]>([
    ['400', new BadRequestException(), 'VALIDATION_FAILED', {}],
    ['401', new UnauthorizedException(), 'AUTH_REQUIRED', {}],
    [
      '403',
      new ForbiddenException(),
      'FORBIDDEN_ROLE',
      { roles: { es: 'quien tenga el rol necesario', en: 'accounts with the required role' } },
    ],
    ['404', new NotFoundException(), 'ROUTE_NOT_FOUND', {}],
    ['413', new PayloadTooLargeException(), 'PAYLOAD_TOO_LARGE', {}],
    ['415', new UnsupportedMediaTypeException(), 'UNSUPPORTED_MEDIA_TYPE', { expected: 'application/json' }],
    ['429', new HttpException('slow down', 429), 'RATE_LIMITED', {}],
  ])('maps an HttpException %s to its code, keeping the status', (status, exception, code, params) => {
    expect(classifyFailure(exception)).toEqual({ code, params, status: Number(status), log: 'none' });
  });

  it('maps a 503 HttpException to SERVICE_UNAVAILABLE with its body as details (health checks)', () => {
    const health = { status: 'error', info: {}, error: { redis: { status: 'down' } } };
    expect(classifyFailure(new ServiceUnavailableException(health))).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      params: {},
      status: 503,
      details: health,
      log: 'error',
    });
  });

  it('maps other HttpException statuses to VALIDATION_FAILED below 500 and INTERNAL_ERROR from 500', () => {
    expect(classifyFailure(new ConflictException())).toEqual({
      code: 'VALIDATION_FAILED',
      params: {},
      status: 409,
      log: 'none',
    });
    expect(classifyFailure(new HttpException('gone', 410))).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 410,
    });
    expect(classifyFailure(new HttpException('boom', 500))).toEqual({
      code: 'INTERNAL_ERROR',
      params: {},
      status: 500,
      log: 'error',
    });
    expect(classifyFailure(new HttpException('bad gateway', 502))).toMatchObject({
      code: 'INTERNAL_ERROR',
      status: 502,
      log: 'error',
    });
  });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a server shutting down, through TypeORM', queryFailed('57P01')],
    ['a statement cancelled at its timeout', queryFailed('57014')],
    ['a connection ended', new Error('Connection terminated unexpectedly')],
  ])('maps %s to DATABASE_UNAVAILABLE, a warning', (_name, error) => {
    expect(classifyFailure(error)).toEqual({ code: 'DATABASE_UNAVAILABLE', params: {}, log: 'warn' });
  });

  it.each<[string, ErrorCode]>([
    ['23505', 'CONFLICT'],
    ['23503', 'VALIDATION_FAILED'],
    ['23514', 'VALIDATION_FAILED'],
    ['22P02', 'VALIDATION_FAILED'],
    ['22001', 'VALIDATION_FAILED'],
    ['22007', 'VALIDATION_FAILED'],
    ['22008', 'VALIDATION_FAILED'],
    ['22003', 'VALIDATION_FAILED'],
    ['22021', 'VALIDATION_FAILED'],
    ['22P05', 'VALIDATION_FAILED'],
    ['54000', 'VALIDATION_FAILED'],
  ])('maps PostgreSQL %s to %s with the constraint in details, unlogged', (pgCode, code) => {
    expect(classifyFailure(queryFailed(pgCode, 'some_constraint'))).toEqual({
      code,
      params: {},
      details: { constraint: 'some_constraint' },
      log: 'none',
    });
  });

  it.each(['40P01', '40001'])(
    'maps PostgreSQL %s (rolled back, safe to retry) to SERVICE_UNAVAILABLE',
    (pgCode) => {
      expect(classifyFailure(queryFailed(pgCode))).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        params: {},
        details: { constraint: undefined },
        log: 'error',
      });
    },
  );

  it('answers a unique violation with CONFLICT, a 409-kind code in both languages', () => {
    expect(ERROR_CATALOGUE.CONFLICT.kind).toBe('conflict');
    expect(errorMessage('CONFLICT', 'es')).toBe(
      'Ya existe algo con esos mismos datos; no se guardó ningún cambio.',
    );
    expect(errorMessage('CONFLICT', 'en')).toBe(
      'Something with the same details already exists; no change was saved.',
    );
  });

  it.each([
    ['an unmapped PostgreSQL code', queryFailed('42P01')],
    ['a QueryFailedError without a code', new QueryFailedError('SELECT 1', [], new Error('odd'))],
    ['a PostgreSQL code outside a QueryFailedError', withCode('23505')],
    ['a plain error', new Error('boom')],
    ['a thrown string', 'boom'],
    ['null', null],
    ['undefined', undefined],
  ])('maps %s to INTERNAL_ERROR, logged as an error', (_name, error) => {
    expect(classifyFailure(error)).toEqual({ code: 'INTERNAL_ERROR', params: {}, log: 'error' });
  });
});

describe('HTTP and socket acks answer the same classification', () => {
  beforeAll(() => Logger.overrideLogger(false));

  function overHttp(exception: unknown, language = 'es') {
    const sent: { status?: number; body?: { statusCode: number; code: string; message: string } } = {};
    const response = {
      headersSent: false,
      status(status: number) {
        sent.status = status;
        return this;
      },
      json(body: typeof sent.body) {
        sent.body = body;
      },
    };
    const request = { originalUrl: '/api/x', headers: { 'accept-language': language } };
    const host = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    } as unknown as ArgumentsHost;
    new HttpErrorFilter().catch(exception, host);
    return sent;
  }

  it.each<[string, number, ErrorCode, unknown]>([
    ['a domain refusal', 409, 'NOT_CHECKED_IN', new DomainError('NOT_CHECKED_IN')],
    ['a unique violation', 409, 'CONFLICT', queryFailed('23505', 'users_email_key')],
    ['a check violation', 400, 'VALIDATION_FAILED', queryFailed('23514')],
    ['a deadlock', 503, 'SERVICE_UNAVAILABLE', queryFailed('40P01')],
    ['a serialization failure', 503, 'SERVICE_UNAVAILABLE', queryFailed('40001')],
    ['the database down', 503, 'DATABASE_UNAVAILABLE', withCode('ECONNREFUSED')],
    ['a bug', 500, 'INTERNAL_ERROR', new TypeError('x is undefined')],
  ])('%s: %i %s over HTTP, the same code and message in the ack', (_name, status, code, failure) => {
    for (const language of ['es', 'en'] as const) {
      const http = overHttp(failure, language);
      expect(http.status).toBe(status);
      expect(http.body).toMatchObject({ statusCode: status, code });
      expect(errorAck(failure, language)).toEqual({
        ok: false,
        error: { code, message: http.body!.message },
      });
    }
  });

  it.each<[string, 'error' | 'warn' | 'nothing', unknown]>([
    ['a domain refusal', 'nothing', new DomainError('NOT_CHECKED_IN')],
    ['a unique violation', 'nothing', queryFailed('23505')],
    ['a deadlock', 'error', queryFailed('40P01')],
    ['the database down', 'warn', withCode('ECONNREFUSED')],
    ['a bug', 'error', new TypeError('x is undefined')],
  ])('%s: both transports log %s', (_name, level, failure) => {
    const error = jest.spyOn(Logger.prototype, 'error');
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      for (const answer of [() => overHttp(failure), () => errorAck(failure, 'es')]) {
        error.mockClear();
        warn.mockClear();
        answer();
        expect(error).toHaveBeenCalledTimes(level === 'error' ? 1 : 0);
        expect(warn).toHaveBeenCalledTimes(level === 'warn' ? 1 : 0);
      }
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });

  it('gives the constraint of a unique violation as details over HTTP only (acks carry code and message)', () => {
    expect(overHttp(queryFailed('23505', 'users_email_key')).body).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'Ya existe algo con esos mismos datos; no se guardó ningún cambio.',
      details: { constraint: 'users_email_key' },
    });
  });
});
