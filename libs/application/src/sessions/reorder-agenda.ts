import { DomainError } from '#domain';
import { readAgenda, writeAgendaPosition } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { agendaChanged } from './agenda-effects.js';
import { lockedSession } from './locked-session.js';

/** Puts the agenda in the order given, which must name every item once. */
export async function reorderAgenda(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  itemIds: string[],
): Promise<void> {
  await lockedSession(uow, sessionId);
  const current = await readAgenda(uow.m, sessionId);
  const sameSet = current.length === itemIds.length && current.every((item) => itemIds.includes(item.id));
  if (!sameSet)
    throw new DomainError('VALIDATION_FAILED', {}, [
      { field: 'itemIds', problems: ['must list every item of the agenda exactly once'] },
    ]);
  for (const [index, itemId] of itemIds.entries()) {
    await writeAgendaPosition(uow.m, sessionId, itemId, index + 1);
  }
  await agendaChanged(uow, actorOf(caller), sessionId);
}
