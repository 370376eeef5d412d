import type { SpeechView } from '#contracts';
import { DomainError } from '#domain';
import { insertSpeech, markRequestCalled, speechView } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { endRunning, lockedCurrentItem, speakersChanged } from './floor-effects.js';
import { speakersView } from './session-views.js';

/** Gives the floor to the first in the list, or to a chosen request; a running speech ends first. */
export async function giveFloor(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  requestId?: string,
): Promise<SpeechView> {
  const actor = actorOf(caller);
  const itemId = await lockedCurrentItem(uow, sessionId);
  await endRunning(uow, sessionId, 'moderator', actor);
  const waiting = await speakersView(uow.m, itemId);
  const chosen = requestId ? waiting.find((request) => request.requestId === requestId) : waiting[0];
  if (!chosen) throw new DomainError('NO_WAITING_SPEAKER');
  await markRequestCalled(uow.m, chosen.requestId);
  const speech = speechView(
    await insertSpeech(uow.m, {
      itemId,
      sessionId,
      delegateId: chosen.delegateId,
      stance: chosen.stance,
      requestId: chosen.requestId,
      seconds: (await rulesInForceNow(uow.m)).rules.speechSeconds,
    }),
  );
  await uow.record({ type: 'speech.started', actor, payload: { sessionId, ...speech } });
  await uow.live(sessionId, 'speech.started', speech);
  await speakersChanged(uow, sessionId, itemId);
  return speech;
}
