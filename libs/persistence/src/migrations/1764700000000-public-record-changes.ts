import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the cached public reads (resolutions, closed votes with their ballots) are made of. */
const SOURCES = [
  'resolutions',
  'resolution_objectives',
  'resolution_institutions',
  'compliance',
  'votes',
  'vote_entitlements',
  'ballots',
  'delegates',
  'constituencies',
];

/**
 * Every committed change to what the cached public reads show sends a notification on the channel
 * `public_record_changed`, its payload the table's name (one per statement, not per row). NOTIFY is
 * transactional: it is delivered only if and when the change commits, to every API process
 * listening, so each can drop the cached answers made of that table.
 */
export class PublicRecordChanges1764700000000 implements MigrationInterface {
  name = 'PublicRecordChanges1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_public_record_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('public_record_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of SOURCES) {
      await q.query(
        `CREATE TRIGGER ${table}_public_record_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION notify_public_record_changed()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SOURCES) await q.query(`DROP TRIGGER ${table}_public_record_changed ON ${table}`);
    await q.query(`DROP FUNCTION notify_public_record_changed()`);
  }
}
