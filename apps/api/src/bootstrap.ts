import type { AppConfig } from '#config';
import { errorMessage } from '#domain';
import { connectDatabase, loadPlanCatalogue, runMigrations, type DatabaseConnection } from '#persistence';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { REFRESH_COOKIE } from './auth/refresh-cookie.js';
import { createValidationPipe } from './common/http/validation.js';
import { createRootLogger, httpLogger, PinoNestLogger } from './common/logging/pino-logger.js';
import { demoAccess, seedDemoAssembly, type DemoAccess } from './demo/demo-assembly.js';
import { RedisIoAdapter } from './live/redis-io.adapter.js';
import { Runtime } from './runtime/runtime.js';

export interface RunningApi {
  app: INestApplication;
  database: DatabaseConnection;
  /** The demo's accounts to announce at startup, when there is a demo. */
  demo: DemoAccess | null;
  /** Drains HTTP, closes the app's connections, then stops the embedded database if this process owns it. */
  close(): Promise<void>;
}

/**
 * Connects (or starts) the database, migrates, loads the plan catalogue, builds and initialises the HTTP
 * app (its socket server included) and starts the process's clocks; `listen` is the caller's.
 */
export async function createApi(config: AppConfig): Promise<RunningApi> {
  const logger = createRootLogger(config, 'api');
  const bootLog = logger.child({ context: 'Bootstrap' });
  const database = await connectDatabase(config, {
    info: (m: string) => bootLog.info(m),
    warn: (m: string) => bootLog.warn(m),
  });
  let app: NestExpressApplication | undefined;
  let seededPassword: string | null = null;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), {
      bodyParser: false,
      logger: new PinoNestLogger(logger),
    });
    app.use(httpLogger(logger));
    if (config.redisUrl)
      app.useWebSocketAdapter(new RedisIoAdapter(app, config.redisUrl, config.queuePrefix));
    const dataSource = app.get(DataSource);
    const applied = await runMigrations(dataSource);
    if (applied.length) bootLog.info(`Applied migrations: ${applied.join(', ')}`);
    const catalogue = await loadPlanCatalogue(dataSource);
    if (catalogue.loaded) bootLog.info(`Loaded plan catalogue ${catalogue.version}`);
    if (config.demo) seededPassword = await seedDemoAssembly(app, config);
    configureHttp(app, config);
    await app.init();
    await app.get(Runtime).start();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw error;
  }
  const built = app;
  return {
    app: built,
    database,
    demo: demoAccess(config, seededPassword),
    close: async () => {
      await built.close();
      await database.stop();
    },
  };
}

export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  if (config.trustProxy) app.set('trust proxy', true);
  app.set('x-powered-by', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI needs inline styles; nothing else is relaxed.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id', 'Idempotency-Key'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: '100kb', strict: true });
  app.useBodyParser('text', { type: 'text/csv', limit: '2mb' });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Asamblea Popular Regional — API')
      .setDescription(
        'API pública y de gestión de la Asamblea Popular Regional de Cajamarca. Errores: `{ statusCode, code, message }`; idioma por Accept-Language (es por defecto, en).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth(
        REFRESH_COOKIE,
        { type: 'apiKey', in: 'cookie', description: 'Refresh token of browsers (httpOnly; /api/auth only)' },
        REFRESH_COOKIE,
      )
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveWebClient(app);
  answerMalformedHttp(app);
}

/**
 * Requests Node's HTTP parser refuses (an oversized URL or headers, broken framing) never reach Express;
 * they still get a coded JSON answer rather than a bare status line.
 */
function answerMalformedHttp(app: NestExpressApplication): void {
  const server = app.getHttpServer() as import('node:http').Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (!socket.writable || (error as { code?: string }).code === 'ECONNRESET') return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const code = tooLarge ? 'REQUEST_HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({ statusCode: status, code, message: errorMessage(code, 'es') });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** The built web client (dist/web): hashed assets cached for a year, every other page path gets index.html. */
function serveWebClient(app: NestExpressApplication): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const webDir = [resolve(here, '../../../web'), resolve(here, '../../../dist/web')].find((dir) =>
    existsSync(join(dir, 'index.html')),
  );
  if (!webDir) return;
  // Read again whenever a rebuild replaces it: a page naming assets that no longer exist is a blank page.
  const indexPath = join(webDir, 'index.html');
  let index = { mtimeMs: 0, html: Buffer.alloc(0) };
  const indexHtml = (): Buffer => {
    const { mtimeMs } = statSync(indexPath);
    if (mtimeMs !== index.mtimeMs) index = { mtimeMs, html: readFileSync(indexPath) };
    return index.html;
  };
  app.useStaticAssets(join(webDir, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const path = request.path;
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      path.startsWith('/api') ||
      path.startsWith('/socket.io')
    )
      return next();
    // An asset the build does not have is a 404, not the page (a browser would run HTML as a script).
    if (path.startsWith('/assets/'))
      return void response
        .status(404)
        .json({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: errorMessage('ROUTE_NOT_FOUND', 'es') });
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml());
  });
}
