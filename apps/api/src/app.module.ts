import type { AppConfig } from '#config';
import { dataSourceOptions } from '#persistence';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard.js';
import { RolesGuard } from './common/auth/roles.guard.js';
import { PublicReadCacheModule } from './common/cache/public-read-cache.module.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { ConfigModule } from './config/config.module.js';
import { DelegatesModule } from './delegates/delegates.module.js';
import { HealthModule } from './health/health.module.js';
import { InstitutionsModule } from './institutions/institutions.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { MotionsModule } from './motions/motions.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { LiveModule } from './live/live.module.js';
import { VotesModule } from './votes/votes.module.js';
import { OfficesModule } from './offices/offices.module.js';
import { ElectionsModule } from './elections/elections.module.js';
import { ResolutionsModule } from './resolutions/resolutions.module.js';
import { OpenDataModule } from './open-data/open-data.module.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { AccountabilityModule } from './accountability/accountability.module.js';
import { PlanModule } from './plan/plan.module.js';
import { RedisModule } from './redis/redis.module.js';
import { RulesModule } from './rules/rules.module.js';
import { RuntimeModule } from './runtime/runtime.module.js';
import { UsersModule } from './users/users.module.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { ApplicationModule } from './application/application.module.js';
import { CheckpointsModule } from './checkpoints/checkpoints.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, 'asamblea-api', {
            statementTimeoutMs: config.statementTimeoutMs,
          }),
        }),
        RedisModule,
        JobsModule,
        PublicReadCacheModule,
        ApplicationModule,
        AuthModule,
        UsersModule,
        CredentialsModule,
        InstitutionsModule,
        DelegatesModule,
        PlanModule,
        RulesModule,
        MotionsModule,
        SessionsModule,
        VotesModule,
        OfficesModule,
        ElectionsModule,
        ResolutionsModule,
        ComplianceModule,
        WebhooksModule,
        DocumentsModule,
        OpenDataModule,
        AccountabilityModule,
        LiveModule,
        LedgerModule,
        CheckpointsModule,
        HealthModule,
        RuntimeModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
