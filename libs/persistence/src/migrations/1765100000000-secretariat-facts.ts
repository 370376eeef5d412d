import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secretariat's console: since when and why a delegate holds their current status (the public
 * record keeps every change; these columns are the current one), and when an endpoint's signing
 * secret was last rotated.
 */
export class SecretariatFacts1765100000000 implements MigrationInterface {
  name = 'SecretariatFacts1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE delegates ADD COLUMN status_since date,
                             ADD COLUMN status_reason text,
                             ADD CONSTRAINT delegates_status_reason_length
                               CHECK (status_reason IS NULL OR length(status_reason) BETWEEN 3 AND 500),
                             ADD CONSTRAINT delegates_status_reason_dated
                               CHECK (status_reason IS NULL OR status_since IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE webhook_endpoints ADD COLUMN secret_rotated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN secret_rotated_at`);
    await q.query(
      `ALTER TABLE delegates DROP CONSTRAINT delegates_status_reason_dated,
                             DROP CONSTRAINT delegates_status_reason_length,
                             DROP COLUMN status_reason,
                             DROP COLUMN status_since`,
    );
  }
}
