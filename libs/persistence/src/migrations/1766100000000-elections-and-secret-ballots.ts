import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Elections and their secret ballots (docs/secret-ballots.md). An election fills a position's seats for
 * a term; it has candidacies and one or two rounds (the first, and a run-off when the first calls one).
 * A round is a secret vote: its entitled list is frozen at opening; while it is open the box holds each
 * ballot sealed under the round's own key with an HMAC of the tracker to find it by — no voter, no
 * time, no serial id. At the close the box is emptied into `secret_ballots` (tracker, choice), written
 * in tracker order, and the key is dropped.
 */
export class ElectionsAndSecretBallots1766100000000 implements MigrationInterface {
  name = 'ElectionsAndSecretBallots1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE elections (
        id uuid PRIMARY KEY,
        position_id uuid NOT NULL REFERENCES positions (id),
        term_id uuid NOT NULL REFERENCES terms (id),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 3 AND 300),
        method text NOT NULL CHECK (method IN ('yes_no_abstain_per_candidate', 'single_choice', 'approval_up_to_n')),
        seats int NOT NULL CHECK (seats BETWEEN 1 AND 100),
        max_choices int CHECK (max_choices BETWEEN 1 AND 100),
        status text NOT NULL DEFAULT 'nominating'
          CHECK (status IN ('nominating', 'voting', 'runoff_pending', 'decided')),
        called_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        outcome jsonb,
        decided_at timestamptz,
        CONSTRAINT elections_max_choices CHECK (max_choices IS NULL OR method = 'approval_up_to_n'),
        CONSTRAINT elections_decided_shape CHECK ((status = 'decided') = (outcome IS NOT NULL)
          AND (status = 'decided') = (decided_at IS NOT NULL))
      )`);
    await q.query(`
      ALTER TABLE offices ADD CONSTRAINT offices_election_fk FOREIGN KEY (election_id) REFERENCES elections (id)`);
    await q.query(`
      CREATE TABLE candidacies (
        id uuid PRIMARY KEY,
        election_id uuid NOT NULL REFERENCES elections (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        nominated_by uuid NOT NULL REFERENCES delegates (id),
        status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT candidacies_one_per_candidate UNIQUE (election_id, delegate_id)
      )`);
    await q.query(`
      CREATE TABLE election_rounds (
        id uuid PRIMARY KEY,
        election_id uuid NOT NULL REFERENCES elections (id),
        round text NOT NULL CHECK (round IN ('first', 'runoff')),
        session_id uuid NOT NULL REFERENCES sessions (id),
        method text NOT NULL,
        seats int NOT NULL CHECK (seats BETWEEN 1 AND 100),
        max_choices int,
        candidates uuid[] NOT NULL CHECK (cardinality(candidates) > 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        entitled_hash text NOT NULL CHECK (entitled_hash ~ '^[0-9a-f]{64}$'),
        present_at_opening int NOT NULL CHECK (present_at_opening > 0),
        seated_at_opening int NOT NULL CHECK (seated_at_opening >= present_at_opening),
        lot_seed text NOT NULL CHECK (lot_seed ~ '^[0-9a-f]{64}$'),
        ballot_key bytea,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz,
        closed_at timestamptz,
        closed_by text CHECK (closed_by IN ('moderator', 'deadline')),
        outcome jsonb,
        CONSTRAINT election_rounds_one_each UNIQUE (election_id, round),
        CONSTRAINT election_rounds_deadline CHECK (deadline > opened_at),
        CONSTRAINT election_rounds_key_while_open CHECK ((status = 'open') = (ballot_key IS NOT NULL)),
        CONSTRAINT election_rounds_closed_shape CHECK ((status = 'closed') = (closed_at IS NOT NULL)
          AND (status = 'closed') = (closed_by IS NOT NULL) AND (status = 'closed') = (outcome IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX election_rounds_one_open_idx ON election_rounds (session_id) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE election_entitlements (
        round_id uuid NOT NULL REFERENCES election_rounds (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        PRIMARY KEY (round_id, delegate_id)
      )`);
    await q.query(`
      CREATE TABLE secret_participation (
        round_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        PRIMARY KEY (round_id, delegate_id),
        FOREIGN KEY (round_id, delegate_id) REFERENCES election_entitlements (round_id, delegate_id)
      )`);
    // No voter, no timestamp, no serial: the primary key is the tracker's HMAC under the round's key.
    await q.query(`
      CREATE TABLE secret_ballot_box (
        round_id uuid NOT NULL REFERENCES election_rounds (id),
        tracker_lookup bytea NOT NULL CHECK (length(tracker_lookup) = 32),
        sealed bytea NOT NULL,
        PRIMARY KEY (round_id, tracker_lookup)
      )`);
    await q.query(`
      CREATE TABLE secret_ballots (
        round_id uuid NOT NULL REFERENCES election_rounds (id),
        tracker text NOT NULL CHECK (tracker ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'),
        choice jsonb NOT NULL,
        PRIMARY KEY (round_id, tracker)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE secret_ballots`);
    await q.query(`DROP TABLE secret_ballot_box`);
    await q.query(`DROP TABLE secret_participation`);
    await q.query(`DROP TABLE election_entitlements`);
    await q.query(`DROP TABLE election_rounds`);
    await q.query(`DROP TABLE candidacies`);
    await q.query(`ALTER TABLE offices DROP CONSTRAINT offices_election_fk`);
    await q.query(`DROP TABLE elections`);
  }
}
