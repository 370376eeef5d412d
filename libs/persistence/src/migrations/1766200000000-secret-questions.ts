import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret questions (docs/secret-ballots.md): a vote whose decision the reglamento marks secret takes no
 * roll-call ballot; its ballots sit sealed in `secret_question_box` under the vote's own key (no voter,
 * no time, no serial id) while it is open, who took part in `secret_question_participation`, and at the
 * close the (tracker, choice) list goes to `secret_question_ballots` and the key is dropped. `votes.secret`
 * is part of the box's and participation's foreign key, so neither can hold a roll-call vote's rows; a
 * trigger refuses roll-call ballot revisions in a secret vote.
 */
export class SecretQuestions1766200000000 implements MigrationInterface {
  name = 'SecretQuestions1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE votes
        ADD COLUMN secret boolean NOT NULL DEFAULT false,
        ADD COLUMN ballot_key bytea,
        ADD CONSTRAINT votes_key_while_secret_open CHECK ((ballot_key IS NOT NULL) = (secret AND status = 'open')),
        ADD CONSTRAINT votes_id_secret UNIQUE (id, secret)`);
    await q.query(`
      CREATE TABLE secret_question_participation (
        vote_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        secret boolean NOT NULL DEFAULT true CHECK (secret),
        PRIMARY KEY (vote_id, delegate_id),
        FOREIGN KEY (vote_id, delegate_id) REFERENCES vote_entitlements (vote_id, delegate_id),
        FOREIGN KEY (vote_id, secret) REFERENCES votes (id, secret)
      )`);
    // No voter, no timestamp, no serial: the primary key is the tracker's HMAC under the vote's key.
    await q.query(`
      CREATE TABLE secret_question_box (
        vote_id uuid NOT NULL,
        secret boolean NOT NULL DEFAULT true CHECK (secret),
        tracker_lookup bytea NOT NULL CHECK (length(tracker_lookup) = 32),
        sealed bytea NOT NULL,
        PRIMARY KEY (vote_id, tracker_lookup),
        FOREIGN KEY (vote_id, secret) REFERENCES votes (id, secret)
      )`);
    await q.query(`
      CREATE TABLE secret_question_ballots (
        vote_id uuid NOT NULL,
        secret boolean NOT NULL DEFAULT true CHECK (secret),
        tracker text NOT NULL CHECK (tracker ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'),
        choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
        PRIMARY KEY (vote_id, tracker),
        FOREIGN KEY (vote_id, secret) REFERENCES votes (id, secret)
      )`);
    // One check per statement (ballots are written in batches), not per row.
    await q.query(`
      CREATE FUNCTION ballot_revisions_roll_call_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_revisions n JOIN votes v ON v.id = n.vote_id WHERE v.secret) THEN
          RAISE EXCEPTION 'a secret vote takes no roll-call ballot' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ballot_revisions_roll_call_only AFTER INSERT ON ballot_revisions
      REFERENCING NEW TABLE AS new_revisions
      FOR EACH STATEMENT EXECUTE FUNCTION ballot_revisions_roll_call_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ballot_revisions_roll_call_only ON ballot_revisions`);
    await q.query(`DROP FUNCTION ballot_revisions_roll_call_only()`);
    await q.query(`DROP TABLE secret_question_ballots`);
    await q.query(`DROP TABLE secret_question_box`);
    await q.query(`DROP TABLE secret_question_participation`);
    await q.query(`
      ALTER TABLE votes DROP CONSTRAINT votes_id_secret, DROP CONSTRAINT votes_key_while_secret_open,
        DROP COLUMN ballot_key, DROP COLUMN secret`);
  }
}
