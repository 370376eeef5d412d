import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions get a number of their year (SES-2026-0003), gapless like motions and resolutions, for the
 * minutes, the board and the record. Sessions called before are numbered in the order they were
 * scheduled for, within the year of their date in Lima.
 */
export class SessionNumbers1765010000000 implements MigrationInterface {
  name = 'SessionNumbers1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_number_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
        last_number int NOT NULL CHECK (last_number > 0)
      )`);
    await q.query(`ALTER TABLE sessions ADD COLUMN number text`);
    await q.query(`
      UPDATE sessions s SET number = numbered.number
      FROM (SELECT id, 'SES-' || year || '-' || lpad((row_number() OVER (PARTITION BY year ORDER BY scheduled_at, created_at, id))::text, 4, '0') AS number
            FROM (SELECT id, scheduled_at, created_at,
                         extract(year FROM scheduled_at AT TIME ZONE 'America/Lima')::int AS year FROM sessions) dated) numbered
      WHERE numbered.id = s.id`);
    await q.query(`
      INSERT INTO session_number_counters (year, last_number)
      SELECT substring(number from 5 for 4)::int, count(*) FROM sessions GROUP BY 1`);
    await q.query(`
      ALTER TABLE sessions ALTER COLUMN number SET NOT NULL,
        ADD CONSTRAINT sessions_number_format CHECK (number ~ '^SES-[0-9]{4}-[0-9]{4,}$'),
        ADD CONSTRAINT sessions_number_unique UNIQUE (number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN number`);
    await q.query(`DROP TABLE session_number_counters`);
  }
}
