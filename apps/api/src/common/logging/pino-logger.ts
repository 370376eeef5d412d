import type { AppConfig } from '#config';
import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorWithoutValues } from '#persistence';
import { pino, type Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, service: string): Logger {
  return pino({ level: config.logLevel, base: { service }, serializers: { err: errorWithoutValues } });
}

/**
 * Nest's start-up chatter (every module initialised, every route and socket event mapped, "starting",
 * "started"): useful when debugging, noise for whoever just ran `npm start`. It goes to debug.
 */
const BOOT_CHATTER = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestFactory',
  'NestApplication',
]);

/** Nest's own messages (bootstrap, filters) go to the same structured pino stream as requests. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context !== undefined && BOOT_CHATTER.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
    trace?: string,
  ) {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, trace, ...message });
    else this.logger[level]({ context, trace }, String(message));
  }
}

/**
 * One log line per request with its id: a sane caller `X-Request-Id` is kept so a request can be
 * followed across the proxy and processes; otherwise one is generated. The line names the request, not
 * its headers, so no secrets. pino-http did the same, but built a child logger with the serialised
 * request for every request, written or not (measured: 8% of a CPU profile of `bench -- reads`);
 * here a line costs something only when its level is enabled.
 */
export function httpLogger(logger: Logger) {
  return (request: IncomingMessage & { id?: string }, response: ServerResponse, next: () => void): void => {
    const incoming = request.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    request.id = id;
    response.setHeader('x-request-id', id);
    if (request.url === '/api/health') return next();
    const started = Date.now();
    const done = () => {
      response.removeListener('finish', done);
      response.removeListener('close', done);
      const status = response.statusCode;
      // A connection closed before the answer was sent is an error, as pino-http had it.
      const failed = !response.writableFinished || status >= 500;
      const level = failed ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: request.method, url: request.url, remoteAddress: request.socket?.remoteAddress },
          res: { statusCode: status },
          responseTime: Date.now() - started,
        },
        failed ? 'request errored' : 'request completed',
      );
    };
    response.on('finish', done);
    response.on('close', done);
    next();
  };
}
