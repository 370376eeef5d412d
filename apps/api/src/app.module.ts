import type { AppConfig } from '#config';
import { dataSourceOptions } from '#persistence';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard.js';
import { RolesGuard } from './common/auth/roles.guard.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { ConfigModule } from './config/config.module.js';
import { DelegatesModule } from './delegates/delegates.module.js';
import { HealthModule } from './health/health.module.js';
import { InstitutionsModule } from './institutions/institutions.module.js';
import { PlanModule } from './plan/plan.module.js';
import { RedisModule } from './redis/redis.module.js';
import { UsersModule } from './users/users.module.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // A caller's X-Request-Id is kept (when sane) so one request can be followed across services.
            genReqId: (request: IncomingMessage, response: ServerResponse) => {
              const incoming = request.headers['x-request-id'];
              const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
              response.setHeader('x-request-id', id);
              return id;
            },
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.body.password',
              'req.body.refreshToken',
            ],
            autoLogging: { ignore: (request) => request.url === '/api/health' },
            customLogLevel: (_request, response, error) =>
              error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, 'asamblea-api') }),
        RedisModule,
        AuthModule,
        UsersModule,
        InstitutionsModule,
        DelegatesModule,
        PlanModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
