import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Motions with their versions, links and co-sponsors, and the append-only hash-chained public record. */
export class MotionsAndLedger1764100000000 implements MigrationInterface {
  name = 'MotionsAndLedger1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_events (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        type text NOT NULL CHECK (type ~ '^[a-z]+(\\.[a-z_]+)+$'),
        subject text NOT NULL,
        payload jsonb NOT NULL,
        payload_hash text NOT NULL CHECK (payload_hash ~ '^[0-9a-f]{64}$'),
        previous_hash text NOT NULL UNIQUE CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
        actor text,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_events_subject_idx ON ledger_events (subject, sequence)`);
    // History is never rewritten, not even by a bug: no UPDATE, DELETE or TRUNCATE, and every new
    // event must extend the chain by exactly one link.
    await q.query(`
      CREATE FUNCTION ledger_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_events is append-only (% refused)', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_events_no_update_delete BEFORE UPDATE OR DELETE ON ledger_events
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE TRIGGER ledger_events_no_truncate BEFORE TRUNCATE ON ledger_events
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE FUNCTION ledger_events_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head record;
      BEGIN
        SELECT sequence, hash INTO head FROM ledger_events ORDER BY sequence DESC LIMIT 1;
        IF (head IS NULL AND (NEW.sequence <> 1 OR NEW.previous_hash <> repeat('0', 64)))
           OR (head IS NOT NULL AND (NEW.sequence <> head.sequence + 1 OR NEW.previous_hash <> head.hash)) THEN
          RAISE EXCEPTION 'ledger event % does not extend the chain', NEW.sequence USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_events_extend_chain BEFORE INSERT ON ledger_events
      FOR EACH ROW EXECUTE FUNCTION ledger_events_extend_chain()`);

    await q.query(`
      CREATE TABLE motion_number_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        last_number int NOT NULL CHECK (last_number > 0)
      )`);
    await q.query(`
      CREATE TABLE motions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text UNIQUE CHECK (number ~ '^MOC-[0-9]{4}-[0-9]{4,}$'),
        year int,
        sequence int,
        parent_id uuid REFERENCES motions (id),
        amendment_changes jsonb,
        title text NOT NULL CHECK (length(title) BETWEEN 5 AND 300),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
        rationale text NOT NULL DEFAULT '' CHECK (length(rationale) <= 100000),
        author_delegate_id uuid NOT NULL REFERENCES delegates (id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN
          ('draft', 'filed', 'admitted', 'scheduled', 'debating', 'voting', 'adopted', 'rejected', 'inadmissible', 'withdrawn')),
        inadmissible_reason text CHECK (length(inadmissible_reason) BETWEEN 5 AND 2000),
        compliance_deadline date,
        current_version int NOT NULL DEFAULT 0 CHECK (current_version >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        filed_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('asamblea_es'::regconfig, title), 'A') ||
          setweight(to_tsvector('asamblea_es'::regconfig, body), 'B') ||
          setweight(to_tsvector('asamblea_es'::regconfig, rationale), 'C')) STORED,
        UNIQUE (year, sequence),
        CONSTRAINT motions_amendment_shape CHECK ((parent_id IS NULL) = (amendment_changes IS NULL)),
        CONSTRAINT motions_numbered_once_filed CHECK (
          (number IS NULL) = (filed_at IS NULL) AND (number IS NULL) = (year IS NULL) AND (number IS NULL) = (sequence IS NULL)
          AND (status IN ('draft', 'withdrawn') OR number IS NOT NULL) AND (status <> 'draft' OR number IS NULL)),
        CONSTRAINT motions_inadmissible_reason CHECK ((status = 'inadmissible') = (inadmissible_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX motions_search_idx ON motions USING gin (search_vector)`);
    await q.query(`CREATE INDEX motions_status_idx ON motions (status)`);
    await q.query(`CREATE INDEX motions_author_idx ON motions (author_delegate_id)`);
    await q.query(`CREATE INDEX motions_parent_idx ON motions (parent_id)`);
    await q.query(`CREATE INDEX motions_listing_idx ON motions (filed_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE motion_versions (
        motion_id uuid NOT NULL REFERENCES motions (id),
        version int NOT NULL CHECK (version > 0),
        title text NOT NULL,
        body text NOT NULL,
        rationale text NOT NULL,
        amendment_id uuid REFERENCES motions (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (motion_id, version)
      )`);
    await q.query(`
      CREATE TRIGGER motion_versions_append_only BEFORE UPDATE OR DELETE ON motion_versions
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE TABLE motion_objectives (
        motion_id uuid NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
        objective_code text NOT NULL REFERENCES plan_objectives (code),
        PRIMARY KEY (motion_id, objective_code)
      )`);
    await q.query(`CREATE INDEX motion_objectives_code_idx ON motion_objectives (objective_code)`);
    await q.query(`
      CREATE TABLE motion_institutions (
        motion_id uuid NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
        institution_id uuid NOT NULL REFERENCES institutions (id),
        PRIMARY KEY (motion_id, institution_id)
      )`);
    await q.query(`CREATE INDEX motion_institutions_institution_idx ON motion_institutions (institution_id)`);
    await q.query(`
      CREATE TABLE motion_cosponsors (
        motion_id uuid NOT NULL REFERENCES motions (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (motion_id, delegate_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'motion_cosponsors',
      'motion_institutions',
      'motion_objectives',
      'motion_versions',
      'motions',
      'motion_number_counters',
      'ledger_events',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION ledger_events_extend_chain()`);
    await q.query(`DROP FUNCTION ledger_events_append_only()`);
  }
}
