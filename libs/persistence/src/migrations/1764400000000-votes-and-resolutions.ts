import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roll-call votes, their frozen entitled lists, every ballot revision (append-only) and the ballot
 * that counts, and the binding resolutions an adopted motion becomes.
 */
export class VotesAndResolutions1764400000000 implements MigrationInterface {
  name = 'VotesAndResolutions1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id),
        item_id uuid NOT NULL REFERENCES agenda_items (id),
        motion_id uuid REFERENCES motions (id),
        kind text NOT NULL CHECK (kind IN ('motion', 'amendment', 'procedural')),
        question text NOT NULL CHECK (length(question) BETWEEN 3 AND 1000),
        rule text NOT NULL CHECK (rule IN ('simple', 'absolute_present', 'absolute_members', 'two_thirds_cast', 'two_thirds_members')),
        rule_version int NOT NULL CHECK (rule_version > 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        present_at_opening int NOT NULL CHECK (present_at_opening > 0),
        seated_at_opening int NOT NULL CHECK (seated_at_opening >= present_at_opening),
        entitled_hash text NOT NULL CHECK (entitled_hash ~ '^[0-9a-f]{64}$'),
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz,
        closed_at timestamptz,
        closed_by text,
        tally jsonb,
        outcome text CHECK (outcome IN ('adopted', 'rejected')),
        CONSTRAINT votes_subject CHECK ((kind = 'procedural') = (motion_id IS NULL)),
        CONSTRAINT votes_deadline CHECK (deadline > opened_at),
        CONSTRAINT votes_closed_shape CHECK (
          (status = 'closed') = (closed_at IS NOT NULL) AND (status = 'closed') = (closed_by IS NOT NULL)
          AND (status = 'closed') = (tally IS NOT NULL) AND (status = 'closed') = (outcome IS NOT NULL))
      )`);
    // One vote at a time in a session; a motion is put to the vote once.
    await q.query(`CREATE UNIQUE INDEX votes_one_open_idx ON votes (session_id) WHERE status = 'open'`);
    await q.query(
      `CREATE UNIQUE INDEX votes_motion_once_idx ON votes (motion_id) WHERE motion_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX votes_session_idx ON votes (session_id, opened_at)`);
    await q.query(
      `CREATE INDEX votes_open_deadline_idx ON votes (deadline) WHERE status = 'open' AND deadline IS NOT NULL`,
    );
    // How many ballots the last `vote.progress` announced: kept apart from the vote row, which ballots hold FOR SHARE.
    await q.query(`
      CREATE TABLE vote_progress (
        vote_id uuid PRIMARY KEY REFERENCES votes (id),
        published_count int NOT NULL DEFAULT 0 CHECK (published_count >= 0)
      )`);
    await q.query(`
      CREATE TABLE vote_entitlements (
        vote_id uuid NOT NULL REFERENCES votes (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        seat_titular_id uuid NOT NULL REFERENCES delegates (id),
        PRIMARY KEY (vote_id, delegate_id),
        UNIQUE (vote_id, seat_titular_id)
      )`);
    await q.query(`
      CREATE TABLE ballot_revisions (
        vote_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        revision int NOT NULL CHECK (revision > 0),
        choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
        nonce text NOT NULL CHECK (nonce ~ '^[0-9a-f]{32}$'),
        commitment text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
        ledger_sequence bigint NOT NULL UNIQUE REFERENCES ledger_events (sequence),
        receipt text NOT NULL UNIQUE REFERENCES ledger_events (hash),
        cast_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vote_id, delegate_id, revision),
        FOREIGN KEY (vote_id, delegate_id) REFERENCES vote_entitlements (vote_id, delegate_id)
      )`);
    await q.query(`
      CREATE TRIGGER ballot_revisions_append_only BEFORE UPDATE OR DELETE ON ballot_revisions
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE TRIGGER ballot_revisions_no_truncate BEFORE TRUNCATE ON ballot_revisions
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only()`);
    // Every idempotency key a delegate used, with the revision it answered (also when it changed nothing).
    await q.query(`
      CREATE TABLE ballot_idempotency_keys (
        vote_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 100),
        revision int NOT NULL,
        PRIMARY KEY (vote_id, delegate_id, idempotency_key),
        FOREIGN KEY (vote_id, delegate_id, revision) REFERENCES ballot_revisions (vote_id, delegate_id, revision)
      )`);
    // The ballot that counts: exactly one per entitled delegate, pointing at their last revision.
    await q.query(`
      CREATE TABLE ballots (
        vote_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        revision int NOT NULL,
        choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vote_id, delegate_id),
        FOREIGN KEY (vote_id, delegate_id) REFERENCES vote_entitlements (vote_id, delegate_id),
        FOREIGN KEY (vote_id, delegate_id, revision) REFERENCES ballot_revisions (vote_id, delegate_id, revision)
      )`);
    await q.query(`
      CREATE TABLE resolution_number_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        last_number int NOT NULL CHECK (last_number > 0)
      )`);
    await q.query(`
      CREATE TABLE resolutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (number ~ '^RES-APR-[0-9]{4}-[0-9]{4,}$'),
        year int NOT NULL,
        sequence int NOT NULL CHECK (sequence > 0),
        motion_id uuid NOT NULL UNIQUE REFERENCES motions (id),
        vote_id uuid NOT NULL UNIQUE REFERENCES votes (id),
        session_id uuid NOT NULL REFERENCES sessions (id),
        motion_version int NOT NULL CHECK (motion_version > 0),
        title text NOT NULL,
        body text NOT NULL,
        compliance_deadline date,
        document jsonb NOT NULL,
        digest text NOT NULL UNIQUE CHECK (digest ~ '^[0-9a-f]{64}$'),
        issued_at timestamptz NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('asamblea_es'::regconfig, title), 'A') ||
          setweight(to_tsvector('asamblea_es'::regconfig, body), 'B')) STORED,
        UNIQUE (year, sequence)
      )`);
    await q.query(`CREATE INDEX resolutions_search_idx ON resolutions USING gin (search_vector)`);
    // A resolution's text is frozen when issued: corrections are new record events, never edits.
    await q.query(`
      CREATE TRIGGER resolutions_frozen BEFORE UPDATE OR DELETE ON resolutions
      FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE TRIGGER resolutions_no_truncate BEFORE TRUNCATE ON resolutions
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only()`);
    await q.query(`
      CREATE TABLE resolution_objectives (
        resolution_id uuid NOT NULL REFERENCES resolutions (id),
        objective_code text NOT NULL REFERENCES plan_objectives (code),
        PRIMARY KEY (resolution_id, objective_code)
      )`);
    await q.query(
      `CREATE INDEX resolution_objectives_code_idx ON resolution_objectives (objective_code, resolution_id)`,
    );
    await q.query(`
      CREATE TABLE resolution_institutions (
        resolution_id uuid NOT NULL REFERENCES resolutions (id),
        institution_id uuid NOT NULL REFERENCES institutions (id),
        PRIMARY KEY (resolution_id, institution_id)
      )`);
    await q.query(
      `CREATE INDEX resolution_institutions_institution_idx ON resolution_institutions (institution_id, resolution_id)`,
    );
    for (const table of ['resolution_objectives', 'resolution_institutions']) {
      await q.query(`
        CREATE TRIGGER ${table}_frozen BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'resolution_institutions',
      'resolution_objectives',
      'resolutions',
      'resolution_number_counters',
      'ballots',
      'ballot_idempotency_keys',
      'ballot_revisions',
      'vote_entitlements',
      'vote_progress',
      'votes',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
