import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process keeps, in memory, whether the sessions it has seen are still live (an access
 * token names its session, the refresh-token family). These triggers tell every listening process, on
 * the channel `session_ended`, when that changes: `s:<family>` when a family's current token is revoked
 * (logout, reuse, every revocation of the account's tokens: a reset, a deactivation), `a:<user>` when an
 * account is deactivated and `r:<user>` when its roles change (its sockets reconnect with the new ones).
 * Triggers, not calls in each writer, so no path that revokes can forget to notify; NOTIFY is
 * transactional, delivered only if and when the change commits. A rotation (revoked and replaced in
 * one update) does not end the session and does not notify.
 */
export class SessionEndedNotifications1765500000000 implements MigrationInterface {
  name = 'SessionEndedNotifications1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('session_ended', 's:' || NEW.family_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER refresh_tokens_session_ended AFTER UPDATE OF revoked_at ON refresh_tokens
      FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND NEW.replaced_by_id IS NULL)
      EXECUTE FUNCTION notify_session_ended()`);
    await q.query(`
      CREATE FUNCTION notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(
          'session_ended',
          CASE WHEN OLD.active AND NOT NEW.active THEN 'a:' ELSE 'r:' END || NEW.id::text
        );
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_session_ended AFTER UPDATE OF active, roles ON users
      FOR EACH ROW WHEN ((OLD.active AND NOT NEW.active) OR OLD.roles IS DISTINCT FROM NEW.roles)
      EXECUTE FUNCTION notify_account_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_session_ended ON users`);
    await q.query(`DROP FUNCTION notify_account_changed()`);
    await q.query(`DROP TRIGGER refresh_tokens_session_ended ON refresh_tokens`);
    await q.query(`DROP FUNCTION notify_session_ended()`);
  }
}
