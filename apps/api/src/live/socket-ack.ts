import type { LiveAck } from '#contracts';
import { errorMessage, type Language } from '#domain';
import { Logger } from '@nestjs/common';
import { classifyFailure } from '../common/errors/classify-failure.js';

const logger = new Logger('LiveGateway');

/** The socket's formatting of a classified failure: the same codes and messages as HTTP. */
export function errorAck(error: unknown, language: Language): LiveAck {
  const failure = classifyFailure(error);
  if (failure.log === 'error') logger.error({ err: error }, 'socket handler failed');
  else if (failure.log === 'warn') logger.warn({ err: error, code: failure.code }, 'socket handler failed');
  return {
    ok: false,
    error: { code: failure.code, message: errorMessage(failure.code, language, failure.params) },
  };
}
