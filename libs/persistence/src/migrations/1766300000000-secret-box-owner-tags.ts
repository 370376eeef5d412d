import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A secret ballot's owner tag (docs/secret-ballots.md): HMAC-SHA256 under the vote's own key of (delegate,
 * tracker), so that only the delegate who cast a ballot can change it by its tracker, and a retry under
 * someone else's tracker cannot confirm their choice. Random without the key, and the key is dropped at
 * the close. Null only for a ballot cast before this migration, in a vote open across the upgrade: its
 * tracker alone changes it, as it did then.
 */
export class SecretBoxOwnerTags1766300000000 implements MigrationInterface {
  name = 'SecretBoxOwnerTags1766300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['secret_ballot_box', 'secret_question_box'])
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN owner_tag bytea CONSTRAINT ${table}_owner_tag_length CHECK (length(owner_tag) = 32)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['secret_ballot_box', 'secret_question_box'])
      await q.query(`ALTER TABLE ${table} DROP COLUMN owner_tag`);
  }
}
