import type { Role } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { InstitutionEntity } from '../entities/institution.entity.js';
import { UserEntity } from '../entities/user.entity.js';

type Source = DataSource | EntityManager;

/** The demo seeds once: concurrent first starts wait here, and the later ones find the accounts. */
export async function lockDemoSeeding(m: EntityManager): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(7345003)');
}

export function countAccounts(m: EntityManager): Promise<number> {
  return m.getRepository(UserEntity).count();
}

/** The institution's id; throws when it is not in the reference data. */
export async function demoInstitutionId(m: EntityManager, code: string): Promise<string> {
  return (await m.getRepository(InstitutionEntity).findOneByOrFail({ code })).id;
}

export interface DemoAccountRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  /** The seat the account holds, if any. */
  delegate_id: string | null;
}

/** The demo's delegates and its moderator, by email. */
export function readDemoAccounts(source: Source): Promise<DemoAccountRow[]> {
  return source.query(
    `SELECT u.id, u.email, u.display_name, u.roles,
         (SELECT d.id FROM delegates d WHERE d.user_id = u.id) AS delegate_id
       FROM users u
       WHERE u.email LIKE 'delegado%@asamblea.local' OR u.email IN ('moderador@asamblea.local', 'admin@asamblea.local')
       ORDER BY u.email`,
  );
}

export async function readAdmittedMotionIds(source: Source): Promise<string[]> {
  const admitted: { id: string }[] = await source.query(
    `SELECT id FROM motions WHERE status = 'admitted' AND parent_id IS NULL ORDER BY number`,
  );
  return admitted.map((row) => row.id);
}

/** The session's agenda items in order. */
export async function readAgendaItemIds(source: Source, sessionId: string): Promise<string[]> {
  const items: { id: string; motion_id: string }[] = await source.query(
    `SELECT id, motion_id FROM agenda_items WHERE session_id = $1 ORDER BY position`,
    [sessionId],
  );
  return items.map((row) => row.id);
}

export async function readDemoLiaison(
  source: Source,
): Promise<{ id: string; email: string; display_name: string; institution_id: string } | undefined> {
  const [liaison]: { id: string; email: string; display_name: string; institution_id: string }[] =
    await source.query(
      `SELECT id, email, display_name, institution_id FROM users WHERE email = 'enlace.diresa@asamblea.local'`,
    );
  return liaison;
}

/** Whether the resolution binds the institution (has a compliance track for it). */
export async function resolutionBinds(
  source: Source,
  resolutionNumber: string,
  institutionId: string | undefined,
): Promise<boolean> {
  const bound: unknown[] = await source.query(
    `SELECT 1 FROM compliance c JOIN resolutions r ON r.id = c.resolution_id WHERE r.number = $1 AND c.institution_id = $2`,
    [resolutionNumber, institutionId],
  );
  return bound.length > 0;
}
