import { DomainError } from '#domain';
import { insertAgendaItem, lockMotionForAgenda, type AgendaItemKind } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import { moveMotion } from '../motions/move-motion.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { agendaChanged } from './agenda-effects.js';
import { lockedSession } from './locked-session.js';

export interface AddAgendaItemInput {
  kind: AgendaItemKind;
  motionId?: string;
  title?: string;
}

/** Only admitted motions go on an agenda; doing so schedules them. Items are added at the end. */
export async function addAgendaItem(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  input: AddAgendaItemInput,
): Promise<string> {
  const actor = actorOf(caller);
  const session = await lockedSession(uow, sessionId);
  if (session.status === 'closed')
    throw new DomainError('SESSION_TRANSITION_INVALID', {
      action: 'add_agenda_item',
      status: session.status,
    });
  let title = input.title?.trim() ?? '';
  if (input.motionId) {
    const motion = await lockMotionForAgenda(uow.m, input.motionId);
    if (!motion) throw new DomainError('MOTION_NOT_FOUND');
    if ((input.kind === 'amendment') !== (motion.parent_id !== null)) {
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'kind', problems: [`kind must be ${motion.parent_id ? 'amendment' : 'motion'}`] },
      ]);
    }
    await moveMotion(uow, motion, 'schedule', { record: { sessionId } }, actor);
    title = `${motion.number} · ${motion.title}`;
  }
  const itemId = await insertAgendaItem(uow.m, {
    sessionId,
    kind: input.kind,
    title,
    motionId: input.motionId ?? null,
  });
  await agendaChanged(uow, actor, sessionId);
  return itemId;
}
