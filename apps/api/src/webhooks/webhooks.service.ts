import { deactivateWebhook, registerWebhook, replayWebhookDelivery, rotateWebhookSecret } from '#application';
import type { AppConfig } from '#config';
import { DomainError, SecretBox } from '#domain';
import {
  institutionCodeExists,
  readWebhookDeliveries,
  readWebhookEndpointsOf,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { CreateWebhookDto } from './dto/webhook.dto.js';

export type WebhookView = WebhookEndpointRow;
export type DeliveryView = WebhookDeliveryRow;

/** Admin-registered endpoints per institution and the delivery log with its dead-letter list. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly box: SecretBox,
  ) {}

  /** The secret is shown once, here: receivers use it to check `x-asamblea-signature`. */
  async create(institutionCode: string, input: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    if (this.config.env === 'production' && !input.url.startsWith('https://'))
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'url', problems: ['url must use https'] }]);
    return this.useCases.run((uow) =>
      registerWebhook(uow, this.box, institutionCode, input, this.config.webhooks.allowedDestinations),
    );
  }

  async list(institutionCode: string): Promise<WebhookView[]> {
    if (!(await institutionCodeExists(this.dataSource, institutionCode)))
      throw new DomainError('INSTITUTION_NOT_FOUND');
    return readWebhookEndpointsOf(this.dataSource, institutionCode);
  }

  deactivate(id: string): Promise<void> {
    return this.useCases.run((uow) => deactivateWebhook(uow, id));
  }

  /** The new secret is shown once, here; the old one no longer signs anything. */
  rotateSecret(id: string): Promise<WebhookView & { secret: string }> {
    return this.useCases.run((uow) => rotateWebhookSecret(uow, this.box, id));
  }

  deliveries(status: 'pending' | 'delivered' | 'failed', limit: number): Promise<DeliveryView[]> {
    return readWebhookDeliveries(this.dataSource, status, limit);
  }

  /** A dead letter goes back to the queue with a fresh set of attempts. */
  replay(id: string): Promise<void> {
    return this.useCases.run((uow) => replayWebhookDelivery(uow, id));
  }
}
