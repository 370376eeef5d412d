import type { AppConfig } from '#config';
import { connectDatabase, loadPlanCatalogue, runMigrations, type DatabaseConnection } from '#persistence';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/http/validation.js';
import { createRootLogger, httpLogger, PinoNestLogger } from './common/logging/pino-logger.js';
import { seedDemoAssembly } from './demo/demo-assembly.js';
import { RedisIoAdapter } from './live/redis-io.adapter.js';

export interface RunningApi {
  app: INestApplication;
  database: DatabaseConnection;
  /** Drains HTTP, closes the app's connections, then stops the embedded database if this process owns it. */
  close(): Promise<void>;
}

/** Connects (or starts) the database, migrates, loads the plan catalogue and builds the HTTP app. */
export async function createApi(config: AppConfig): Promise<RunningApi> {
  const logger = createRootLogger(config, 'api');
  const bootLog = logger.child({ context: 'Bootstrap' });
  const database = await connectDatabase(config, {
    info: (m: string) => bootLog.info(m),
    warn: (m: string) => bootLog.warn(m),
  });
  let app: NestExpressApplication | undefined;
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
    if (config.demo) await seedDemoAssembly(app, config);
    configureHttp(app, config);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw error;
  }
  const built = app;
  return {
    app: built,
    database,
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
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
