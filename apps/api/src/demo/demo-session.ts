import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { ComplianceService } from '../compliance/compliance.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { BallotCastingService } from '../votes/ballot-casting.service.js';
import { VoteClosingService } from '../votes/vote-closing.service.js';
import { VoteOpeningService } from '../votes/vote-opening.service.js';

const CHOICES = ['yes', 'yes', 'yes', 'no', 'yes', 'abstain', 'yes', 'no'] as const;

/**
 * A session in progress for a newcomer to look at: open, most seats present, one motion already
 * voted and turned into a resolution, the next one under an open vote with some ballots cast.
 * Everything goes through the same services (and public record) as real use.
 */
export async function seedDemoSession(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  const sessions = app.get(SessionsService);
  const opening = app.get(VoteOpeningService);
  const casting = app.get(BallotCastingService);
  const closing = app.get(VoteClosingService);
  const accounts: { id: string; email: string; display_name: string; roles: AuthenticatedUser['roles'] }[] =
    await dataSource.query(
      `SELECT id, email, display_name, roles FROM users
       WHERE email LIKE 'delegado%@asamblea.local' OR email = 'moderador@asamblea.local' ORDER BY email`,
    );
  const asUser = (row: (typeof accounts)[number]): AuthenticatedUser => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    institutionId: null,
  });
  const moderator = asUser(accounts.find((a) => a.email === 'moderador@asamblea.local')!);
  // Titulars 01–45 are in the room (alternates 55–60 stay home): quorum with room to spare.
  const present = accounts.filter((a) => /^delegado(0[1-9]|[1-3]\d|4[0-5])@/.test(a.email)).map(asUser);
  const admitted: { id: string }[] = await dataSource.query(
    `SELECT id FROM motions WHERE status = 'admitted' AND parent_id IS NULL ORDER BY number`,
  );
  if (admitted.length < 2) return;

  const sessionId = await sessions.create(moderator, {
    kind: 'ordinary',
    title: 'Sesión ordinaria de la Asamblea Popular Regional',
    scheduledAt: new Date().toISOString(),
    place: 'Auditorio del Gobierno Regional, Cajamarca',
  });
  await sessions.transition(moderator, sessionId, 'open');
  for (const delegate of present) await sessions.recordAttendance(delegate, sessionId, true);
  for (const motion of admitted)
    await sessions.addItem(moderator, sessionId, { kind: 'motion', motionId: motion.id });
  const items: { id: string; motion_id: string }[] = await dataSource.query(
    `SELECT id, motion_id FROM agenda_items WHERE session_id = $1 ORDER BY position`,
    [sessionId],
  );

  const vote = async (itemId: string, rule: 'simple' | 'absolute_present', voters: AuthenticatedUser[]) => {
    await sessions.progressItem(moderator, sessionId, itemId, 'start');
    const opened = await opening.open(moderator, sessionId, { rule });
    for (const [i, voter] of voters.entries())
      await casting.cast(voter, opened.id, { choice: CHOICES[i % CHOICES.length]! });
    return opened.id;
  };
  const closed = await closing.close(moderator, await vote(items[0]!.id, 'absolute_present', present));
  // The DIRESA liaison has already reported a first step on the new resolution.
  const [liaison]: { id: string; email: string; display_name: string; institution_id: string }[] =
    await dataSource.query(
      `SELECT id, email, display_name, institution_id FROM users WHERE email = 'enlace.diresa@asamblea.local'`,
    );
  const bound: unknown[] = closed.resolutionNumber
    ? await dataSource.query(
        `SELECT 1 FROM compliance c JOIN resolutions r ON r.id = c.resolution_id WHERE r.number = $1 AND c.institution_id = $2`,
        [closed.resolutionNumber, liaison?.institution_id],
      )
    : [];
  if (liaison && bound.length > 0)
    await app.get(ComplianceService).report(
      {
        id: liaison.id,
        email: liaison.email,
        displayName: liaison.display_name,
        roles: ['liaison'],
        institutionId: liaison.institution_id,
      },
      closed.resolutionNumber!,
      {
        progress: 25,
        body: 'Se inició el proceso de adquisición; el expediente de contratación está en revisión.',
        evidence: ['https://www.diresacajamarca.gob.pe/'],
      },
    );
  await vote(items[1]!.id, 'simple', present.slice(0, 30));
}
