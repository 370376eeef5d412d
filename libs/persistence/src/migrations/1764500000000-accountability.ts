import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What follows a resolution: compliance per bound institution with its reports, generated documents,
 * webhook endpoints and deliveries, and the outbox of background jobs (written with the change that
 * needs them, dispatched after commit).
 */
export class Accountability1764500000000 implements MigrationInterface {
  name = 'Accountability1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance (
        resolution_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'fulfilled', 'overdue')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        deadline date,
        approaching_notified_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        fulfilled_at timestamptz,
        PRIMARY KEY (resolution_id, institution_id),
        FOREIGN KEY (resolution_id, institution_id) REFERENCES resolution_institutions (resolution_id, institution_id),
        CONSTRAINT compliance_fulfilled CHECK ((status = 'fulfilled') = (fulfilled_at IS NOT NULL)),
        CONSTRAINT compliance_overdue_needs_deadline CHECK (status <> 'overdue' OR deadline IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX compliance_institution_idx ON compliance (institution_id, status)`);
    await q.query(
      `CREATE INDEX compliance_open_deadline_idx ON compliance (deadline) WHERE status IN ('pending', 'in_progress')`,
    );
    await q.query(`
      CREATE TABLE compliance_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resolution_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        progress int NOT NULL CHECK (progress BETWEEN 0 AND 100),
        status_after text NOT NULL CHECK (status_after IN ('in_progress', 'fulfilled', 'overdue')),
        body text NOT NULL CHECK (length(body) BETWEEN 5 AND 5000),
        evidence text[] NOT NULL DEFAULT '{}' CHECK (cardinality(evidence) <= 20),
        reported_by uuid NOT NULL REFERENCES users (id),
        reported_at timestamptz NOT NULL DEFAULT now(),
        ledger_sequence bigint NOT NULL UNIQUE REFERENCES ledger_events (sequence),
        FOREIGN KEY (resolution_id, institution_id) REFERENCES compliance (resolution_id, institution_id)
      )`);
    await q.query(
      `CREATE INDEX compliance_reports_timeline_idx ON compliance_reports (resolution_id, institution_id, reported_at)`,
    );
    await q.query(`
      CREATE TRIGGER compliance_reports_append_only BEFORE UPDATE OR DELETE ON compliance_reports
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE TABLE documents (
        kind text NOT NULL CHECK (kind IN ('resolution', 'minutes')),
        subject text NOT NULL,
        source_digest text NOT NULL CHECK (source_digest ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        content_type text NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, subject)
      )`);
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 500),
        secret text NOT NULL CHECK (length(secret) >= 32),
        events text[] NOT NULL CHECK (cardinality(events) > 0
          AND events <@ ARRAY['resolution.issued', 'deadline.approaching', 'compliance.overdue']::text[]),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_endpoints_institution_idx ON webhook_endpoints (institution_id) WHERE active`,
    );
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
        event_type text NOT NULL,
        event_key text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (endpoint_id, event_key),
        CONSTRAINT webhook_deliveries_delivered CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_failed_idx ON webhook_deliveries (created_at) WHERE status = 'failed'`,
    );
    await q.query(`
      CREATE TABLE job_outbox (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX job_outbox_pending_idx ON job_outbox (id) WHERE dispatched_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'job_outbox',
      'webhook_deliveries',
      'webhook_endpoints',
      'documents',
      'compliance_reports',
      'compliance',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
