import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the public record: append-only like the record, one per sequence (several API
 * processes signing the same head keep the first), and each naming the hash the record had there.
 */
export class RecordCheckpoints1765600000000 implements MigrationInterface {
  name = 'RecordCheckpoints1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_checkpoints (
        sequence bigint PRIMARY KEY REFERENCES ledger_events (sequence),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        signed_at timestamptz NOT NULL,
        key_id text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
        signature text NOT NULL CHECK (signature ~ '^[A-Za-z0-9+/]{86}==$')
      )`);
    await q.query(`
      CREATE FUNCTION ledger_checkpoints_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          RAISE EXCEPTION 'ledger_checkpoints is append-only (% refused)', TG_OP USING ERRCODE = '42501';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM ledger_events e WHERE e.sequence = NEW.sequence AND e.hash = NEW.hash) THEN
          RAISE EXCEPTION 'checkpoint % does not name the hash of event %', NEW.sequence, NEW.sequence
            USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_checkpoints_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_checkpoints
      FOR EACH ROW EXECUTE FUNCTION ledger_checkpoints_guard()`);
    await q.query(`
      CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_checkpoints`);
    await q.query(`DROP FUNCTION ledger_checkpoints_guard()`);
  }
}
