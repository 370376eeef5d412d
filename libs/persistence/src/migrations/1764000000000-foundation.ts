import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CAJAMARCA_PROVINCES, INITIAL_INSTITUTIONS } from '../reference/provinces.js';

/** Accounts, delegates, reference data and the plan catalogue tables (the catalogue itself is loaded at boot). */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // Spanish stemming over accent-free words: "educacion" matches "Educación".
    await q.query(`CREATE TEXT SEARCH CONFIGURATION asamblea_es (COPY = pg_catalog.spanish)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION asamblea_es ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem`,
    );

    await q.query(`
      CREATE TABLE constituencies (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
        name text NOT NULL UNIQUE,
        capital text NOT NULL
      )`);
    for (const p of CAJAMARCA_PROVINCES) {
      await q.query(`INSERT INTO constituencies (code, name, capital) VALUES ($1, $2, $3)`, [
        p.code,
        p.name,
        p.capital,
      ]);
    }

    await q.query(`
      CREATE TABLE institutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
        kind text NOT NULL CHECK (kind IN ('regional_government', 'directorate', 'health_facility', 'body', 'other')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const i of INITIAL_INSTITUTIONS) {
      await q.query(`INSERT INTO institutions (code, name, kind) VALUES ($1, $2, $3)`, [
        i.code,
        i.name,
        i.kind,
      ]);
    }

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text,
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['admin', 'moderator', 'delegate', 'liaison']::text[]),
        institution_id uuid REFERENCES institutions (id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_liaison_has_institution CHECK (NOT ('liaison' = ANY (roles)) OR institution_id IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        secret_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by_id uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    await q.query(`
      CREATE TABLE delegates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 3 AND 200),
        document_id text NOT NULL UNIQUE CHECK (document_id ~ '^[0-9A-Z]{8,12}$'),
        constituency_code text NOT NULL REFERENCES constituencies (code),
        organization text CHECK (length(organization) <= 200),
        term_start date NOT NULL,
        term_end date NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ceased')),
        alternate_of_id uuid REFERENCES delegates (id) ON DELETE RESTRICT,
        user_id uuid UNIQUE REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delegates_term_order CHECK (term_end > term_start),
        CONSTRAINT delegates_not_own_alternate CHECK (alternate_of_id IS DISTINCT FROM id)
      )`);
    // A titular has at most one alternate.
    await q.query(
      `CREATE UNIQUE INDEX delegates_one_alternate_idx ON delegates (alternate_of_id) WHERE alternate_of_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX delegates_constituency_idx ON delegates (constituency_code)`);
    // No chains: the titular named by alternate_of_id must not be an alternate itself, nor may a titular become one.
    await q.query(`
      CREATE FUNCTION delegates_no_alternate_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.alternate_of_id IS NOT NULL AND (
             EXISTS (SELECT 1 FROM delegates WHERE id = NEW.alternate_of_id AND alternate_of_id IS NOT NULL)
          OR EXISTS (SELECT 1 FROM delegates WHERE alternate_of_id = NEW.id)) THEN
          RAISE EXCEPTION 'alternate chain' USING ERRCODE = '23514', CONSTRAINT = 'delegates_no_alternate_chain';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER delegates_no_alternate_chain AFTER INSERT OR UPDATE OF alternate_of_id ON delegates
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION delegates_no_alternate_chain()`);

    await q.query(`
      CREATE TABLE plan_catalogue_versions (
        version text PRIMARY KEY,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plan_dimensions (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        number int NOT NULL UNIQUE,
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE plan_themes (
        code text PRIMARY KEY,
        dimension_code text NOT NULL REFERENCES plan_dimensions (code),
        slug text NOT NULL,
        name text NOT NULL,
        name_source text NOT NULL CHECK (name_source IN ('plan', 'editorial')),
        lead text,
        position int NOT NULL,
        national_policy_codes text[] NOT NULL DEFAULT '{}',
        bicentenario_axis_codes text[] NOT NULL DEFAULT '{}',
        CONSTRAINT plan_themes_code_shape CHECK (code = dimension_code || '-' || slug)
      )`);
    await q.query(`
      CREATE TABLE plan_problems (
        code text PRIMARY KEY,
        theme_code text NOT NULL REFERENCES plan_themes (code),
        number int NOT NULL,
        text text NOT NULL,
        aspects text[] NOT NULL DEFAULT '{}',
        UNIQUE (theme_code, number)
      )`);
    await q.query(`
      CREATE TABLE plan_objectives (
        code text PRIMARY KEY,
        theme_code text NOT NULL REFERENCES plan_themes (code),
        number int NOT NULL,
        text text NOT NULL,
        emphases text[] NOT NULL DEFAULT '{}',
        search_folded text NOT NULL DEFAULT '',
        search_vector tsvector,
        UNIQUE (theme_code, number)
      )`);
    await q.query(`CREATE INDEX plan_objectives_search_idx ON plan_objectives USING gin (search_vector)`);
    await q.query(`
      CREATE TABLE plan_targets (
        code text PRIMARY KEY,
        theme_code text NOT NULL REFERENCES plan_themes (code),
        number int NOT NULL,
        text text NOT NULL,
        measures jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(measures) = 'array'),
        UNIQUE (theme_code, number)
      )`);
    await q.query(`
      CREATE TABLE plan_national_policies (
        code text PRIMARY KEY,
        group_code text NOT NULL,
        group_name text NOT NULL,
        letter text NOT NULL,
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE plan_bicentenario_axes (
        code text PRIMARY KEY,
        number int NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL,
        priorities jsonb NOT NULL DEFAULT '[]'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'plan_bicentenario_axes',
      'plan_national_policies',
      'plan_targets',
      'plan_objectives',
      'plan_problems',
      'plan_themes',
      'plan_dimensions',
      'plan_catalogue_versions',
      'delegates',
      'refresh_tokens',
      'users',
      'institutions',
      'constituencies',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION delegates_no_alternate_chain()`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION asamblea_es`);
  }
}
