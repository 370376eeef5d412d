import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The speakers list of each agenda item and the record of every speech. */
export class Speakers1764300000000 implements MigrationInterface {
  name = 'Speakers1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // One item at a time is being dealt with in a session.
    await q.query(
      `CREATE UNIQUE INDEX agenda_items_one_current_idx ON agenda_items (session_id) WHERE status IN ('in_debate', 'voting')`,
    );
    await q.query(`
      CREATE TABLE speaker_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES agenda_items (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        stance text NOT NULL CHECK (stance IN ('pro', 'contra', 'point_of_order')),
        position bigserial NOT NULL,
        status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called', 'withdrawn')),
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A delegate waits at most once per item (asking twice, or twenty times at once, is one request).
    await q.query(
      `CREATE UNIQUE INDEX speaker_requests_one_waiting_idx ON speaker_requests (item_id, delegate_id) WHERE status = 'waiting'`,
    );
    await q.query(`
      CREATE TABLE speeches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES agenda_items (id),
        session_id uuid NOT NULL REFERENCES sessions (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        stance text NOT NULL CHECK (stance IN ('pro', 'contra', 'point_of_order')),
        request_id uuid REFERENCES speaker_requests (id),
        started_at timestamptz NOT NULL DEFAULT now(),
        ends_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by text CHECK (ended_by IN ('timer', 'moderator')),
        CONSTRAINT speeches_end CHECK ((ended_at IS NULL) = (ended_by IS NULL) AND ends_at > started_at)
      )`);
    // One speech at a time per session; the timer sweeps the running ones by deadline.
    await q.query(
      `CREATE UNIQUE INDEX speeches_one_running_idx ON speeches (session_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX speeches_running_deadline_idx ON speeches (ends_at) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE speeches`);
    await q.query(`DROP TABLE speaker_requests`);
    await q.query(`DROP INDEX agenda_items_one_current_idx`);
  }
}
