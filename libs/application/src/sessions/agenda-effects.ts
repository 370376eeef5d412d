import { lockMotionState, readAgenda, readCurrentItemId } from '#persistence';
import { moveMotion } from '../motions/move-motion.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** The whole agenda into the record and onto the board, after an item is added, moved or removed. */
export async function agendaChanged(uow: UnitOfWork, actor: string, sessionId: string): Promise<void> {
  const agenda = await readAgenda(uow.m, sessionId);
  await uow.record({
    type: 'agenda.changed',
    actor,
    payload: {
      sessionId,
      items: agenda.map((item) => ({
        id: item.id,
        position: item.position,
        kind: item.kind,
        title: item.title,
        motionId: item.motionId,
      })),
    },
  });
  await uow.live(sessionId, 'agenda.changed', { agenda });
}

/** The board learns which item is current, with the agenda as it now stands. */
export async function currentItemChanged(uow: UnitOfWork, sessionId: string): Promise<void> {
  await uow.live(sessionId, 'agenda.current_changed', {
    currentItemId: await readCurrentItemId(uow.m, sessionId),
    agenda: await readAgenda(uow.m, sessionId),
  });
}

/** The motion of an agenda item follows the item: into debate when it starts, back to admitted when deferred. */
export async function moveItemMotion(
  uow: UnitOfWork,
  actor: string,
  motionId: string,
  sessionId: string,
  action: 'start_debate' | 'defer',
): Promise<void> {
  const motion = await lockMotionState(uow.m, motionId);
  await moveMotion(uow, motion!, action, { record: { sessionId } }, actor);
}
