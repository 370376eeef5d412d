import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time enrolment and reset codes: nobody sets a password for another person. The code is stored only
 * as its SHA-256; an account has at most one open code (issuing another revokes the earlier one), and a
 * code is either used or revoked, never both.
 */
export class AccountEnrolments1765300000000 implements MigrationInterface {
  name = 'AccountEnrolments1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_digest bytea NOT NULL UNIQUE,
        purpose text NOT NULL,
        issued_by uuid REFERENCES users (id) ON DELETE SET NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT account_enrolments_purpose CHECK (purpose IN ('enrolment', 'reset')),
        CONSTRAINT account_enrolments_digest_length CHECK (octet_length(code_digest) = 32),
        CONSTRAINT account_enrolments_expiry CHECK (expires_at > issued_at),
        CONSTRAINT account_enrolments_used_or_revoked CHECK (used_at IS NULL OR revoked_at IS NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX account_enrolments_one_open ON account_enrolments (user_id)
         WHERE used_at IS NULL AND revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_enrolments`);
  }
}
