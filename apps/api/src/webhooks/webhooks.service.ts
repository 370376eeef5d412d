import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import { enqueueJob, modifyReturning } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { CreateWebhookDto } from './dto/webhook.dto.js';

export interface WebhookView {
  id: string;
  institution: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  institution: string;
  url: string;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: unknown;
}

const WEBHOOK = `
  SELECT e.id, i.code AS institution, e.url, e.events, e.active, e.created_at AS "createdAt"
  FROM webhook_endpoints e JOIN institutions i ON i.id = e.institution_id`;

/** Admin-registered endpoints per institution and the delivery log with its dead-letter list. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The secret is shown once, here: receivers use it to check `x-asamblea-signature`. */
  async create(institutionCode: string, input: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    if (this.config.env === 'production' && !input.url.startsWith('https://'))
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'url', problems: ['url must use https'] }]);
    const [institution]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM institutions WHERE code = $1 AND active`,
      [institutionCode],
    );
    if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND');
    const secret = randomBytes(32).toString('hex');
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (institution_id, url, secret, events) VALUES ($1, $2, $3, $4) RETURNING id`,
      [institution.id, input.url, secret, input.events],
    );
    const [view]: WebhookView[] = await this.dataSource.query(`${WEBHOOK} WHERE e.id = $1`, [row!.id]);
    return { ...view!, secret };
  }

  async list(institutionCode: string): Promise<WebhookView[]> {
    const found: unknown[] = await this.dataSource.query(`SELECT 1 FROM institutions WHERE code = $1`, [
      institutionCode,
    ]);
    if (found.length === 0) throw new DomainError('INSTITUTION_NOT_FOUND');
    return this.dataSource.query(`${WEBHOOK} WHERE i.code = $1 ORDER BY e.created_at, e.id`, [
      institutionCode,
    ]);
  }

  async deactivate(id: string): Promise<void> {
    const rows = await modifyReturning<{ id: string }>(
      this.dataSource,
      `UPDATE webhook_endpoints SET active = false WHERE id = $1 RETURNING id`,
      [id],
    );
    if (rows.length === 0) throw new DomainError('WEBHOOK_NOT_FOUND');
  }

  deliveries(status: 'pending' | 'delivered' | 'failed', limit: number): Promise<DeliveryView[]> {
    return this.dataSource.query(
      `SELECT d.id, d.endpoint_id AS "webhookId", i.code AS institution, e.url, d.event_type AS "eventType", d.status,
         d.attempts, d.last_error AS "lastError", d.last_attempt_at AS "lastAttemptAt", d.delivered_at AS "deliveredAt",
         d.created_at AS "createdAt", d.payload
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN institutions i ON i.id = e.institution_id
       WHERE d.status = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [status, limit],
    );
  }

  /** A dead letter goes back to the queue with a fresh set of attempts. */
  async replay(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [delivery]: { status: string }[] = await m.query(
        `SELECT status FROM webhook_deliveries WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!delivery) throw new DomainError('DELIVERY_NOT_FOUND');
      if (delivery.status !== 'failed')
        throw new DomainError('DELIVERY_NOT_FAILED', { status: delivery.status });
      await m.query(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0 WHERE id = $1`, [id]);
      await enqueueJob(m, 'webhooks.deliver', { deliveryId: id });
    });
  }
}
