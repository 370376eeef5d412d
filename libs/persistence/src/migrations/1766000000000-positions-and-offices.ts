import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assembly's positions (the Mesa Directiva's and each commission's, with their seats), terms of
 * office, and offices: who holds which position in which term. An office records when the scheduled
 * job applied its start (`taken_at`, with the roles that start actually granted) and its end
 * (`left_at`), so the job is idempotent and withdraws only what it granted.
 */
export class PositionsAndOffices1766000000000 implements MigrationInterface {
  name = 'PositionsAndOffices1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commissions (
        id uuid PRIMARY KEY,
        name_es text NOT NULL CHECK (length(btrim(name_es)) BETWEEN 3 AND 200),
        name_en text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 3 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commissions_name_unique UNIQUE (name_es)
      )`);
    await q.query(`
      CREATE TABLE positions (
        id uuid PRIMARY KEY,
        body text NOT NULL CHECK (body IN ('mesa', 'commission')),
        commission_id uuid REFERENCES commissions (id),
        rank text NOT NULL,
        title_es text NOT NULL CHECK (length(btrim(title_es)) BETWEEN 3 AND 200),
        title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 3 AND 200),
        seats int NOT NULL CHECK (seats BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT positions_body CHECK ((body = 'commission') = (commission_id IS NOT NULL)),
        CONSTRAINT positions_rank CHECK (
          (body = 'mesa' AND rank IN ('president', 'vice_president', 'secretary'))
          OR (body = 'commission' AND rank IN ('chair', 'member'))),
        CONSTRAINT positions_single_seat CHECK (rank NOT IN ('president', 'chair') OR seats = 1)
      )`);
    // One presidency of the Mesa, one chair per commission (checkPositions says so too).
    await q.query(
      `CREATE UNIQUE INDEX positions_one_president_idx ON positions (body) WHERE rank = 'president'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX positions_one_chair_idx ON positions (commission_id) WHERE rank = 'chair'`,
    );
    await q.query(`
      CREATE TABLE terms (
        id uuid PRIMARY KEY,
        label text NOT NULL CHECK (length(btrim(label)) BETWEEN 3 AND 100),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT terms_label_unique UNIQUE (label),
        CONSTRAINT terms_order CHECK (ends_at > starts_at)
      )`);
    await q.query(`
      CREATE TABLE offices (
        id uuid PRIMARY KEY,
        position_id uuid NOT NULL REFERENCES positions (id),
        term_id uuid NOT NULL REFERENCES terms (id),
        holder_id uuid NOT NULL REFERENCES users (id),
        delegate_id uuid REFERENCES delegates (id),
        election_id uuid,
        ended_at timestamptz,
        taken_at timestamptz,
        granted_roles text[],
        left_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offices_one_per_holder UNIQUE (position_id, term_id, holder_id),
        CONSTRAINT offices_taken_shape CHECK ((taken_at IS NULL) = (granted_roles IS NULL)),
        CONSTRAINT offices_left_after_taken CHECK (left_at IS NULL OR taken_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX offices_pending_idx ON offices (term_id) WHERE left_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offices`);
    await q.query(`DROP TABLE terms`);
    await q.query(`DROP TABLE positions`);
    await q.query(`DROP TABLE commissions`);
  }
}
