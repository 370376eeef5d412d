import type { LiveAck } from '#contracts';
import { DomainError, errorMessage, type Language } from '#domain';
import { isDatabaseUnavailable } from '#persistence';
import { Logger } from '@nestjs/common';

const logger = new Logger('LiveGateway');

/** The socket transport's one mapping of failures to acks: the same codes and messages as HTTP. */
export function errorAck(error: unknown, language: Language): LiveAck {
  if (error instanceof DomainError) {
    return {
      ok: false,
      error: { code: error.code, message: errorMessage(error.code, language, error.params) },
    };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error }, 'socket handler failed: database unavailable');
    return {
      ok: false,
      error: { code: 'DATABASE_UNAVAILABLE', message: errorMessage('DATABASE_UNAVAILABLE', language) },
    };
  }
  logger.error({ err: error }, 'socket handler failed');
  return { ok: false, error: { code: 'INTERNAL_ERROR', message: errorMessage('INTERNAL_ERROR', language) } };
}
