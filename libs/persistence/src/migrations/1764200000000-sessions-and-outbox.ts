import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions, their agenda and attendance, and the transactional outbox of live events. */
export class SessionsAndOutbox1764200000000 implements MigrationInterface {
  name = 'SessionsAndOutbox1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('ordinary', 'extraordinary')),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'suspended', 'closed')),
        scheduled_at timestamptz NOT NULL,
        place text CHECK (length(place) <= 300),
        virtual_url text CHECK (virtual_url ~ '^https://'),
        live_sequence bigint NOT NULL DEFAULT 0 CHECK (live_sequence >= 0),
        opened_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sessions_where CHECK (place IS NOT NULL OR virtual_url IS NOT NULL),
        CONSTRAINT sessions_closed_at CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id),
        position int NOT NULL CHECK (position > 0),
        kind text NOT NULL CHECK (kind IN ('motion', 'amendment', 'report', 'topic')),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
        motion_id uuid REFERENCES motions (id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_debate', 'voting', 'done', 'deferred')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agenda_items_motion_kind CHECK ((kind IN ('motion', 'amendment')) = (motion_id IS NOT NULL)),
        UNIQUE (session_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    // A motion sits on at most one agenda item that is still to be dealt with.
    await q.query(
      `CREATE UNIQUE INDEX agenda_items_live_motion_idx ON agenda_items (motion_id) WHERE motion_id IS NOT NULL AND status IN ('pending', 'in_debate', 'voting')`,
    );
    await q.query(`
      CREATE TABLE attendance (
        session_id uuid NOT NULL REFERENCES sessions (id),
        delegate_id uuid NOT NULL REFERENCES delegates (id),
        present boolean NOT NULL,
        recorded_by text NOT NULL CHECK (recorded_by IN ('self', 'moderator')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, delegate_id)
      )`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id),
        sequence bigint NOT NULL CHECK (sequence > 0),
        type text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (session_id, sequence)
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE attendance`);
    await q.query(`DROP TABLE agenda_items`);
    await q.query(`DROP TABLE sessions`);
  }
}
