import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a pending delivery whose job was lost was last given a new one (see webhooks.resume-stalled). */
export class WebhookResume1764900000000 implements MigrationInterface {
  name = 'WebhookResume1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN resumed_at timestamptz`);
    await q.query(
      `CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_deliveries_pending_idx`);
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN resumed_at`);
  }
}
