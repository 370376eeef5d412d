import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets at rest are sealed (AES-256-GCM, libs/domain/src/crypto/secret-box.ts, key SECRETS_KEY).
 *
 * Webhook signing secrets move from `secret` (clear text) to `secret_sealed`. A migration cannot know the
 * key, so the rows already there keep their clear secret until the API's next start seals them
 * (`sealLegacyWebhookSecrets`, idempotent) and clears the column. From here on a row holds exactly one
 * of the two, and a trigger refuses any clear secret written after this migration: a converted row can
 * never get one back, and new rows can only be sealed.
 *
 * Second factor: one TOTP secret per account (sealed), pending until confirmed with a code, with the last
 * time step it accepted so a code is never accepted twice; recovery codes are kept as digests only.
 */
export class SealedSecrets1765400000000 implements MigrationInterface {
  name = 'SealedSecrets1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoints ADD COLUMN secret_sealed bytea`);
    await q.query(`ALTER TABLE webhook_endpoints ALTER COLUMN secret DROP NOT NULL`);
    await q.query(`
      ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_one_secret
        CHECK ((secret IS NULL) <> (secret_sealed IS NULL))`);
    await q.query(`
      CREATE FUNCTION webhook_endpoints_no_clear_secret() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.secret IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.secret IS DISTINCT FROM OLD.secret) THEN
          RAISE EXCEPTION 'webhook_endpoints.secret holds no clear secret: seal it into secret_sealed'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER webhook_endpoints_no_clear_secret BEFORE INSERT OR UPDATE OF secret ON webhook_endpoints
      FOR EACH ROW EXECUTE FUNCTION webhook_endpoints_no_clear_secret()`);

    await q.query(`
      CREATE TABLE account_second_factors (
        user_id uuid PRIMARY KEY REFERENCES users (id),
        method text NOT NULL DEFAULT 'totp' CHECK (method = 'totp'),
        secret_sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Null: set up, waiting for a first code to confirm it.
        enabled_at timestamptz,
        last_used_step bigint CHECK (last_used_step >= 0)
      )`);
    await q.query(`
      CREATE TABLE account_recovery_codes (
        user_id uuid NOT NULL REFERENCES account_second_factors (user_id) ON DELETE CASCADE,
        digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        PRIMARY KEY (user_id, digest)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_recovery_codes`);
    await q.query(`DROP TABLE account_second_factors`);
    // Sealed secrets cannot be opened here (no key): going back would lose them, so it is refused.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM webhook_endpoints WHERE secret IS NULL) THEN
          RAISE EXCEPTION 'webhook endpoints hold sealed secrets; rotate them to clear text before reverting';
        END IF;
      END $$`);
    await q.query(`DROP TRIGGER webhook_endpoints_no_clear_secret ON webhook_endpoints`);
    await q.query(`DROP FUNCTION webhook_endpoints_no_clear_secret()`);
    await q.query(`ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_one_secret`);
    await q.query(`ALTER TABLE webhook_endpoints ALTER COLUMN secret SET NOT NULL`);
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN secret_sealed`);
  }
}
