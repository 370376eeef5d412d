import { actorOf, callElection, createPosition, createTerm, nominateCandidate } from '#application';
import { readDemoAccounts, type DemoAccountRow } from '#persistence';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** Lima's midnight of 1 January of a year, as an instant (Lima is UTC−5 all year). */
const newYearInLima = (year: number) => `${year}-01-01T05:00:00.000Z`;

/**
 * The demo's Mesa Directiva: a presidency, two vice-presidencies and a secretariat, next year's term, and
 * the election of the vice-presidencies taking candidacies (three standing, one nominated and yet to
 * accept), so a newcomer can follow an election from the delegate console and the Mesa's. Through the
 * same use cases (and public record) as real use.
 */
export async function seedDemoMesa(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  const useCases = app.get(UseCaseRunner);
  const accounts = await readDemoAccounts(dataSource);
  const asUser = (row: DemoAccountRow): AuthenticatedUser => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    institutionId: null,
  });
  const byEmail = (email: string) => asUser(accounts.find((a) => a.email === email)!);
  const admin = byEmail('admin@asamblea.local');
  const moderator = byEmail('moderador@asamblea.local');
  const position = (
    rank: 'president' | 'vice_president' | 'secretary',
    es: string,
    en: string,
    seats: number,
  ) =>
    useCases.run((uow) =>
      createPosition(uow, actorOf(admin), { body: 'mesa', rank, title: { es, en }, seats }),
    );
  await position('president', 'Presidencia de la Mesa Directiva', 'Presidency of the Mesa Directiva', 1);
  const vice = await position('vice_president', 'Vicepresidencia', 'Vice-presidency', 2);
  await position('secretary', 'Secretaría de la Mesa Directiva', 'Secretariat of the Mesa Directiva', 1);
  const year = new Date().getUTCFullYear() + 1;
  const term = await useCases.run((uow) =>
    createTerm(uow, actorOf(admin), {
      label: `Mesa Directiva ${year}`,
      startsAt: newYearInLima(year),
      endsAt: newYearInLima(year + 1),
    }),
  );
  const election = await useCases.run((uow) =>
    callElection(uow, actorOf(moderator), {
      positionId: vice.id,
      termId: term.id,
      method: 'approval_up_to_n',
      title: `Vicepresidencias de la Mesa Directiva ${year}`,
    }),
  );
  for (const email of ['delegado07@asamblea.local', 'delegado18@asamblea.local', 'delegado29@asamblea.local'])
    await useCases.run((uow) => nominateCandidate(uow, byEmail(email), election.id, {}));
  // Delegate 02 nominates delegate 03, who has yet to accept (the console offers it when 03 signs in).
  const nominee = accounts.find((a) => a.email === 'delegado03@asamblea.local')!.delegate_id!;
  await useCases.run((uow) =>
    nominateCandidate(uow, byEmail('delegado02@asamblea.local'), election.id, { candidateId: nominee }),
  );
}
