import { DomainError } from '#domain';
import { endRunningSpeech, readCurrentItemId, speechView } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedSession } from './locked-session.js';
import { speakersView } from './session-views.js';

/** The floor is only given on the current item of an open session; returns that item, the session locked. */
export async function lockedCurrentItem(uow: UnitOfWork, sessionId: string): Promise<string> {
  const session = await lockedSession(uow, sessionId);
  if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
  const itemId = await readCurrentItemId(uow.m, sessionId);
  if (!itemId) throw new DomainError('NO_CURRENT_ITEM');
  return itemId;
}

/** Ends the running speech (only an expired one when `onlyExpired`), recording it; false if none. */
export async function endRunning(
  uow: UnitOfWork,
  sessionId: string,
  by: 'timer' | 'moderator',
  actor: string | null,
  onlyExpired = false,
): Promise<boolean> {
  const row = await endRunningSpeech(uow.m, sessionId, by, onlyExpired);
  if (!row) return false;
  const speech = speechView(row);
  await uow.record({ type: 'speech.ended', actor, payload: { sessionId, ...speech } });
  await uow.live(sessionId, 'speech.ended', speech);
  return true;
}

/** The board's speakers list of the item, as it now stands. */
export async function speakersChanged(uow: UnitOfWork, sessionId: string, itemId: string): Promise<void> {
  await uow.live(sessionId, 'speakers.changed', { itemId, speakers: await speakersView(uow.m, itemId) });
}
