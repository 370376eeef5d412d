import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files of compliance reports, kept in the database (no file system state): the bytes, named by
 * their SHA-256 (which the database recomputes, so a row can never hold other bytes than its name says),
 * with the type read from the bytes and a safe file name. A report lists its files in order; a file is
 * stored once however many reports cite it, and neither the list nor a file's bytes change afterwards.
 * Who reported is kept per report: a liaison of the institution, or the secretariat on its behalf.
 */
export class EvidenceFiles1765200000000 implements MigrationInterface {
  name = 'EvidenceFiles1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        size int NOT NULL CHECK (size > 0 AND size = octet_length(content)),
        media_type text NOT NULL
          CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evidence_files_digest CHECK (encode(sha256(content), 'hex') = sha256)
      )`);
    await q.query(`
      CREATE TRIGGER evidence_files_immutable BEFORE UPDATE ON evidence_files
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    // Who uploaded which bytes: a report may cite only its own institution's uploads (or the secretariat's),
    // and the same bytes uploaded by two institutions are citable by both.
    await q.query(`
      CREATE TABLE evidence_uploads (
        sha256 text NOT NULL REFERENCES evidence_files (sha256),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sha256, uploaded_by)
      )`);
    await q.query(`CREATE INDEX evidence_uploads_uploader_idx ON evidence_uploads (uploaded_by)`);
    await q.query(`
      CREATE TABLE compliance_report_files (
        report_id uuid NOT NULL REFERENCES compliance_reports (id),
        position smallint NOT NULL CHECK (position BETWEEN 0 AND 19),
        sha256 text NOT NULL REFERENCES evidence_files (sha256),
        PRIMARY KEY (report_id, position),
        UNIQUE (report_id, sha256)
      )`);
    await q.query(`CREATE INDEX compliance_report_files_sha256_idx ON compliance_report_files (sha256)`);
    await q.query(`
      CREATE TRIGGER compliance_report_files_append_only BEFORE UPDATE OR DELETE ON compliance_report_files
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      ALTER TABLE compliance_reports ADD COLUMN reported_as text
        CHECK (reported_as IN ('liaison', 'secretariat'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance_reports DROP COLUMN reported_as`);
    await q.query(`DROP TABLE compliance_report_files`);
    await q.query(`DROP TABLE evidence_uploads`);
    await q.query(`DROP TABLE evidence_files`);
  }
}
