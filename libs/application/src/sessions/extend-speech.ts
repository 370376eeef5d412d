import type { SpeechView } from '#contracts';
import { DomainError } from '#domain';
import { extendRunningSpeech, speechView } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedSession } from './locked-session.js';

/** Gives the running speech more time. */
export async function extendSpeech(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  seconds: number,
): Promise<SpeechView> {
  await lockedSession(uow, sessionId);
  const row = await extendRunningSpeech(uow.m, sessionId, seconds);
  if (!row) throw new DomainError('NO_SPEECH_RUNNING');
  const speech = speechView(row);
  await uow.record({
    type: 'speech.extended',
    actor: actorOf(caller),
    payload: { sessionId, speechId: speech.id, seconds, endsAt: speech.endsAt },
  });
  await uow.live(sessionId, 'speech.extended', speech);
  return speech;
}
