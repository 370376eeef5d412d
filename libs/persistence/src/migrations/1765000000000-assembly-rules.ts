import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reglamento as data: every version kept whole, numbered without gaps, with the time it applies
 * from; each vote names the version it was opened under and the kind of decision it is. A motion the
 * Mesa qualifies at admission as a kind the assembly added (a budget, say) keeps that kind.
 */
export class AssemblyRules1765000000000 implements MigrationInterface {
  name = 'AssemblyRules1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assembly_rules_versions (
        version int PRIMARY KEY CHECK (version > 0),
        rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
        effective_at timestamptz NOT NULL,
        adopted_at timestamptz NOT NULL DEFAULT now(),
        -- null: the first version, taken from the configuration at first start
        adopted_by uuid REFERENCES users (id),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        CONSTRAINT assembly_rules_first_from_configuration CHECK ((version = 1) = (adopted_by IS NULL)),
        CONSTRAINT assembly_rules_not_retroactive CHECK (version = 1 OR effective_at >= adopted_at - interval '1 second')
      )`);
    await q.query(
      `CREATE INDEX assembly_rules_effective_idx ON assembly_rules_versions (effective_at, version)`,
    );
    await q.query(
      `ALTER TABLE votes ADD COLUMN rules_version int REFERENCES assembly_rules_versions (version),
                         ADD COLUMN decision text CHECK (decision ~ '^[a-z][a-z0-9_]{1,39}$'),
                         ADD CONSTRAINT votes_rules_and_decision CHECK ((rules_version IS NULL) = (decision IS NULL))`,
    );
    await q.query(`ALTER TABLE motions ADD COLUMN decision text CHECK (decision ~ '^[a-z][a-z0-9_]{1,39}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE motions DROP COLUMN decision`);
    await q.query(
      `ALTER TABLE votes DROP CONSTRAINT votes_rules_and_decision, DROP COLUMN decision, DROP COLUMN rules_version`,
    );
    await q.query(`DROP TABLE assembly_rules_versions`);
  }
}
