import { DomainError } from '#domain';
import {
  hasRunningSpeechOnItem,
  lockAgendaItem,
  readCurrentItemId,
  writeAgendaItemStatus,
} from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { currentItemChanged, moveItemMotion } from './agenda-effects.js';
import { lockedSession } from './locked-session.js';

export type AgendaItemMove = 'start' | 'finish' | 'defer';

const MOVES = {
  start: { status: 'in_debate', event: 'agenda.item_started' },
  finish: { status: 'done', event: 'agenda.item_finished' },
  defer: { status: 'deferred', event: 'agenda.item_deferred' },
} as const satisfies Record<AgendaItemMove, { status: string; event: string }>;

/**
 * Moves an item along: `start` makes it the current item (its motion goes into debate), `finish`
 * closes a report or topic, `defer` puts it aside (its motion goes back to admitted).
 */
export async function moveAgendaItem(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  itemId: string,
  action: AgendaItemMove,
): Promise<void> {
  const actor = actorOf(caller);
  const session = await lockedSession(uow, sessionId);
  if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
  const item = await lockAgendaItem(uow.m, sessionId, itemId);
  if (!item) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
  const allowed =
    (action === 'start' && item.status === 'pending') ||
    (action === 'finish' &&
      item.status === 'in_debate' &&
      (item.kind === 'report' || item.kind === 'topic')) ||
    (action === 'defer' && (item.status === 'pending' || item.status === 'in_debate'));
  if (!allowed)
    throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action, status: `${item.kind}/${item.status}` });
  if (await hasRunningSpeechOnItem(uow.m, itemId))
    throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action, status: 'speech_running' });
  if (action === 'start' && (await readCurrentItemId(uow.m, sessionId))) {
    throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action, status: 'another_item_current' });
  }
  const { status, event } = MOVES[action];
  await writeAgendaItemStatus(uow.m, itemId, status);
  if (item.motion_id && action !== 'finish')
    await moveItemMotion(
      uow,
      actor,
      item.motion_id,
      sessionId,
      action === 'start' ? 'start_debate' : 'defer',
    );
  await uow.record({ type: event, actor, payload: { sessionId, itemId, status } });
  await currentItemChanged(uow, sessionId);
}
