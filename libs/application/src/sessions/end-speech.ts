import { DomainError } from '#domain';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { endRunning } from './floor-effects.js';
import { lockedSession } from './locked-session.js';

/** The moderator ends the running speech. */
export async function endSpeech(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
): Promise<void> {
  await lockedSession(uow, sessionId);
  if (!(await endRunning(uow, sessionId, 'moderator', actorOf(caller))))
    throw new DomainError('NO_SPEECH_RUNNING');
}

/**
 * The timer: ends the session's speech if it is past its deadline (another process may have ended it
 * first); true if this call ended it.
 */
export async function endExpiredSpeech(uow: UnitOfWork, sessionId: string): Promise<boolean> {
  await lockedSession(uow, sessionId);
  return endRunning(uow, sessionId, 'timer', null, true);
}
