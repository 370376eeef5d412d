import type { AppConfig } from '#config';
import { SecretBox } from '#domain';
import { Global, Module, type DynamicModule } from '@nestjs/common';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Seals secrets at rest (webhook secrets, second-factor secrets) with SECRETS_KEY.
        { provide: SecretBox, useValue: new SecretBox(config.secretsKey) },
      ],
      exports: [APP_CONFIG, SecretBox],
    };
  }
}
