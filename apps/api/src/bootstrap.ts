import type { AppConfig } from '#config';
import { adoptInitialRules, adoptSigningKey, sealLegacyWebhookSecrets } from '#application';
import { errorMessage, SecretBox } from '#domain';
import {
  connectDatabase,
  loadPlanCatalogue,
  migrateDatabase,
  ownerIsSeparate,
  recordProtectionBypass,
  type DatabaseConnection,
  type StartingDatabase,
} from '#persistence';
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
import { UseCaseRunner } from './application/use-case-runner.js';
import { Checkpointer } from './checkpoints/checkpointer.js';
import { REFRESH_COOKIE } from './auth/refresh-cookie.js';
import { assertJsonTextDepth } from './common/http/json-depth.js';
import { createValidationPipe } from './common/http/validation.js';
import { createRootLogger, httpLogger, PinoNestLogger } from './common/logging/pino-logger.js';
import { demoAccess, seedDemoAssembly, type DemoAccess } from './demo/demo-assembly.js';
import { LiveIoAdapter } from './live/live-io.adapter.js';
import { RedisIoAdapter } from './live/redis-io.adapter.js';
import { RulesService } from './rules/rules.service.js';
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
 * `starting`: a connection the caller started already (main.ts does, before loading this module).
 */
export async function createApi(config: AppConfig, starting?: StartingDatabase): Promise<RunningApi> {
  const logger = createRootLogger(config, 'api');
  const bootLog = logger.child({ context: 'Bootstrap' });
  const bootLogger = { info: (m: string) => bootLog.info(m), warn: (m: string) => bootLog.warn(m) };
  starting?.logTo(bootLogger);
  const database = await (starting?.connection ?? connectDatabase(config, bootLogger));
  let app: NestExpressApplication | undefined;
  let seededPassword: string | null = null;
  try {
    // A runtime role of its own is set up (created, the first time) before the app connects as it.
    const early = ownerIsSeparate(database) ? await migrateDatabase(database) : null;
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), {
      bodyParser: false,
      logger: new PinoNestLogger(logger),
    });
    app.use(httpLogger(logger));
    app.useWebSocketAdapter(
      config.redisUrl ? new RedisIoAdapter(app, config.redisUrl, config.queuePrefix) : new LiveIoAdapter(app),
    );
    const dataSource = app.get(DataSource);
    const { applied, runtimeRole } = early ?? (await migrateDatabase(database, dataSource));
    if (applied.length) bootLog.info(`Applied migrations: ${applied.join(', ')}`);
    if (runtimeRole?.statements.length)
      bootLog.info(`Runtime role ${runtimeRole.role}: ${runtimeRole.statements.length} grants updated`);
    if (runtimeRole?.unclassified.length)
      bootLog.warn(`Tables with no grant decision (runtime-role.ts): ${runtimeRole.unclassified.join(', ')}`);
    await warnIfRecordUnprotected(dataSource, config, bootLogger);
    const catalogue = await loadPlanCatalogue(dataSource);
    if (catalogue.loaded) bootLog.info(`Loaded plan catalogue ${catalogue.version}`);
    const adopted = await app.get(UseCaseRunner).run((uow) => adoptInitialRules(uow, config));
    if (adopted) bootLog.info(`Adopted reglamento version ${adopted} from the configuration`);
    else await warnOfIgnoredRuleSettings(app.get(RulesService), config, bootLogger);
    const { key, previousKey } = app.get(Checkpointer);
    const keyChange = await app.get(UseCaseRunner).run((uow) => adoptSigningKey(uow, key, previousKey));
    if (keyChange === 'adopted') bootLog.info(`Adopted record signing key ${key.keyId}`);
    if (keyChange === 'changed') bootLog.info(`Changed the record signing key to ${key.keyId} (endorsed)`);
    const sealed = await app
      .get(UseCaseRunner)
      .run((uow) => sealLegacyWebhookSecrets(uow, app!.get(SecretBox)));
    if (sealed) bootLog.info(`Sealed ${sealed} webhook secrets stored in clear before SECRETS_KEY`);
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

/** In production the runtime connection must not be able to rewrite the record (README, «Least privilege»). */
async function warnIfRecordUnprotected(
  dataSource: DataSource,
  config: AppConfig,
  logger: { warn(message: string): void },
): Promise<void> {
  if (config.env !== 'production') return;
  const bypass = await recordProtectionBypass((sql) => dataSource.query(sql));
  if (bypass)
    logger.warn(
      `DATABASE_URL can bypass the record's protection: ${bypass}. Connect as a runtime role and migrate with DATABASE_OWNER_URL (README, «Least privilege»)`,
    );
}

export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  if (config.trustProxy) app.set('trust proxy', true);
  app.set('x-powered-by', false);
  app.use(
    staticHeaders(
      helmet({
        contentSecurityPolicy: {
          directives: {
            // Swagger UI needs inline styles; nothing else is relaxed.
            'style-src': ["'self'", "'unsafe-inline'"],
            'img-src': ["'self'", 'data:'],
          },
        },
      }),
    ),
  );
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id', 'Idempotency-Key'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
  // Nesting is checked on the raw bytes, before JSON.parse and the DTO pipes recurse over it. Nest's
  // type leaves body-parser's `verify` out, but the adapter hands it on (it replaces it only for rawBody).
  const jsonOptions = {
    limit: '100kb',
    strict: true,
    verify: (_request: unknown, _response: unknown, bytes: Buffer) => assertJsonTextDepth(bytes),
  };
  app.useBodyParser('json', jsonOptions);
  app.useBodyParser('text', { type: 'text/csv', limit: '2mb' });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  // Built on the first request for the docs (scanning every route costs ~0.1 s), not at boot.
  const document = () =>
    SwaggerModule.createDocument(
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
          {
            type: 'apiKey',
            in: 'cookie',
            description: 'Refresh token of browsers (httpOnly; /api/auth only)',
          },
          REFRESH_COOKIE,
        )
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveWebClient(app);
  answerMalformedHttp(app);
}

/**
 * Helmet's headers depend only on its options, yet its fourteen middlewares run on every request:
 * they are taken once from helmet itself and set together. Measured: the chain was 8% of the API's
 * CPU profile during an HTTP ballot burst (`BENCH_CPU_PROF=… npm run bench -- ballots`).
 */
function staticHeaders(
  middleware: (request: Request, response: Response, next: (error?: unknown) => void) => void,
): (request: Request, response: Response, next: NextFunction) => void {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let synchronous = false;
  middleware({ headers: {} } as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    synchronous = true;
  });
  if (!synchronous) throw new Error('helmet did not answer synchronously: its headers cannot be taken once');
  const entries = [...headers];
  return (_request, response, next) => {
    for (const [name, value] of entries) response.setHeader(name, value);
    next();
  };
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

/**
 * The built web client (dist/web): hashed assets cached for a year, every other page path gets index.html.
 * Looked up on each request, not once at boot: `npm start` runs the API while a changed client is still
 * building (scripts/build.mjs), and the build lands (renamed into place) without a restart. Until then
 * page paths answer a small "preparing" page that reloads itself.
 */
function serveWebClient(app: NestExpressApplication): void {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/web beside the compiled API (dist/apps/api/src), or from the sources (tests run those).
  const webDirs = [resolve(here, '../../../web'), resolve(here, '../../../dist/web')];
  // Read again whenever a rebuild replaces it: a page naming assets that no longer exist is a blank page.
  let index = { version: '', html: Buffer.alloc(0) };
  const indexHtml = (): Buffer | null => {
    for (const dir of webDirs) {
      const path = join(dir, 'index.html');
      let version: string;
      try {
        const { ino, mtimeMs, size } = statSync(path);
        version = `${path}:${ino}:${mtimeMs}:${size}`;
      } catch {
        continue;
      }
      if (version !== index.version) index = { version, html: readFileSync(path) };
      return index.html;
    }
    return null;
  };
  for (const dir of webDirs)
    app.useStaticAssets(join(dir, 'assets'), {
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
    // The service worker: never cached for long (a browser checks it on each visit, byte for byte), at the
    // root so its scope is the whole site.
    if (path === '/sw.js') {
      for (const dir of webDirs) {
        const file = join(dir, 'sw.js');
        if (!existsSync(file)) continue;
        response.setHeader('Cache-Control', 'no-cache');
        return void response.type('text/javascript').send(readFileSync(file));
      }
      return void response
        .status(404)
        .json({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: errorMessage('ROUTE_NOT_FOUND', 'es') });
    }
    // An asset the build does not have is a 404, not the page (a browser would run HTML as a script).
    if (path.startsWith('/assets/'))
      return void response
        .status(404)
        .json({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: errorMessage('ROUTE_NOT_FOUND', 'es') });
    const html = indexHtml();
    if (!html) {
      response.status(503).setHeader('Retry-After', String(PREPARING_RETRY_SECONDS));
      response.setHeader('Cache-Control', 'no-store');
      return void response.type('html').send(PREPARING_PAGE);
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(html);
  });
}

const PREPARING_RETRY_SECONDS = 3;
/** While the web client builds: no script (the CSP allows none inline), a reload every few seconds. */
const PREPARING_PAGE = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${PREPARING_RETRY_SECONDS}">
<title>Preparando la interfaz… · Asamblea Popular Regional</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:18vh auto;padding:0 1.5rem;color:#1f2933;line-height:1.5}p{color:#52606d}</style>
</head>
<body>
<h1>Preparando la interfaz…</h1>
<p>El servidor ya está en marcha; la interfaz web se está construyendo. Esta página se recarga sola.</p>
<p lang="en">Preparing the interface… The server is up; the web client is being built. This page reloads itself.</p>
</body>
</html>
`;

/** The rule settings only seed version 1: once the reglamento is data, a changed setting is said to be ignored. */
async function warnOfIgnoredRuleSettings(
  rules: RulesService,
  config: AppConfig,
  log: { warn: (message: string) => void },
): Promise<void> {
  const current = await rules.current();
  const differs = [
    current.quorum.numerator * config.quorum.denominator !==
      config.quorum.numerator * current.quorum.denominator && 'QUORUM',
    current.cosponsorThreshold !== config.cosponsorThreshold && 'COSPONSOR_THRESHOLD',
    current.speechSeconds !== config.speechSeconds && 'SPEECH_SECONDS',
    current.compliance.warningDays !== config.deadlineLeadDays && 'DEADLINE_LEAD_DAYS',
  ].filter(Boolean);
  if (differs.length > 0)
    log.warn(
      `${differs.join(', ')} differ from the reglamento in force; they only seeded its first version: change the rules in the secretariat console (/secretaria) or POST /api/rules/versions`,
    );
}
