import {
  BallotBoxCipher,
  actorOf,
  addAgendaItem,
  changeSessionStatus,
  closeVote,
  moveAgendaItem,
  openVote,
  recordAttendance,
  reportCompliance,
  scheduleSession,
} from '#application';
import {
  readAdmittedMotionIds,
  readAgendaItemIds,
  readDemoAccounts,
  readDemoLiaison,
  resolutionBinds,
  type DemoAccountRow,
} from '#persistence';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { BallotCastingService } from '../votes/ballot-casting.service.js';

const CHOICES = ['yes', 'yes', 'yes', 'no', 'yes', 'abstain', 'yes', 'no'] as const;

/**
 * A session in progress for a newcomer to look at: open, most seats present, one motion already
 * voted and turned into a resolution, the next one under an open vote with some ballots cast.
 * Everything goes through the same use cases (and public record) as real use; ballots through the
 * API's group-commit casting, the one way a ballot is cast.
 */
export async function seedDemoSession(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  const cipher = app.get(BallotBoxCipher);
  const useCases = app.get(UseCaseRunner);
  const casting = app.get(BallotCastingService);
  const accounts = await readDemoAccounts(dataSource);
  const asUser = (row: DemoAccountRow): AuthenticatedUser => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    institutionId: null,
  });
  const moderator = asUser(accounts.find((a) => a.email === 'moderador@asamblea.local')!);
  // Titulars 01–45 are in the room (alternates 55–60 stay home): quorum with room to spare.
  const present = accounts.filter((a) => /^delegado(0[1-9]|[1-3]\d|4[0-5])@/.test(a.email)).map(asUser);
  const admitted = await readAdmittedMotionIds(dataSource);
  if (admitted.length < 2) return;

  const sessionId = useCases.settle(
    await scheduleSession(dataSource, moderator, {
      kind: 'ordinary',
      title: 'Sesión ordinaria de la Asamblea Popular Regional',
      scheduledAt: new Date().toISOString(),
      place: 'Auditorio del Gobierno Regional, Cajamarca',
    }),
  );
  await useCases.run((uow) => changeSessionStatus(uow, moderator, sessionId, 'open'));
  for (const delegate of present)
    await useCases.run((uow) => recordAttendance(uow, delegate, sessionId, true));
  for (const motionId of admitted)
    await useCases.run((uow) => addAgendaItem(uow, moderator, sessionId, { kind: 'motion', motionId }));
  const items = await readAgendaItemIds(dataSource, sessionId);

  const vote = async (itemId: string, rule: 'simple' | 'absolute_present', voters: AuthenticatedUser[]) => {
    await useCases.run((uow) => moveAgendaItem(uow, moderator, sessionId, itemId, 'start'));
    const opened = await useCases.run((uow) =>
      openVote(uow, actorOf(moderator), sessionId, { rule }, cipher),
    );
    for (const [i, voter] of voters.entries())
      await casting.cast(voter, opened.id, { choice: CHOICES[i % CHOICES.length]! });
    return opened.id;
  };
  const closed = useCases.settle(
    await closeVote(
      dataSource,
      cipher,
      await vote(items[0]!, 'absolute_present', present),
      actorOf(moderator),
    ),
  );
  // The DIRESA liaison has already reported a first step on the new resolution.
  const liaison = await readDemoLiaison(dataSource);
  const bound = closed.resolutionNumber
    ? await resolutionBinds(dataSource, closed.resolutionNumber, liaison?.institution_id)
    : false;
  if (liaison && bound)
    await useCases.run((uow) =>
      reportCompliance(
        uow,
        { id: liaison.id, roles: ['liaison'], institutionId: liaison.institution_id },
        closed.resolutionNumber!,
        {
          progress: 25,
          body: 'Se inició el proceso de adquisición; el expediente de contratación está en revisión.',
          evidence: ['https://www.diresacajamarca.gob.pe/'],
        },
      ),
    );
  await vote(items[1]!, 'simple', present.slice(0, 30));
}
