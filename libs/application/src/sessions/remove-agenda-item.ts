import { DomainError } from '#domain';
import { deleteAgendaItem, readAgendaItem } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { agendaChanged, moveItemMotion } from './agenda-effects.js';
import { lockedSession } from './locked-session.js';

/** Removes an item that has not started; its motion goes back to admitted. */
export async function removeAgendaItem(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  itemId: string,
): Promise<void> {
  const actor = actorOf(caller);
  await lockedSession(uow, sessionId);
  const item = await readAgendaItem(uow.m, sessionId, itemId);
  if (!item)
    throw new DomainError('VALIDATION_FAILED', {}, [
      { field: 'itemId', problems: ['no such item in this session'] },
    ]);
  if (item.status !== 'pending')
    throw new DomainError('SESSION_TRANSITION_INVALID', {
      action: 'remove_agenda_item',
      status: item.status,
    });
  if (item.motion_id) await moveItemMotion(uow, actor, item.motion_id, sessionId, 'defer');
  await deleteAgendaItem(uow.m, sessionId, itemId);
  await agendaChanged(uow, actor, sessionId);
}
