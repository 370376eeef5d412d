import type { VoteView } from '#contracts';
import {
  COUNTING_RULES_VERSION,
  computeQuorum,
  DomainError,
  freezeEntitledList,
  transitionMotion,
  type CountingRule,
  type QuorumRule,
  type VoteOpenedPayload,
} from '#domain';
import {
  hasOpenVote,
  hasRunningSpeech,
  insertVote,
  lockItemUnderDebate,
  lockMotionState,
  pendingAmendmentNumbers,
  readAgenda,
  readPresentDelegateIds,
  readSeats,
  readVoteView,
  writeAgendaItemStatus,
} from '#persistence';
import { randomUUID } from 'node:crypto';
import { moveMotion } from '../motions/move-motion.js';
import { lockedSession } from '../sessions/locked-session.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface OpenVoteInput {
  rule: CountingRule;
  procedural?: boolean;
  question?: string;
  durationSeconds?: number;
}

/**
 * Opens a roll-call vote on the session's current item: checks quorum, freezes the entitled list and
 * publishes its hash, moves the motion into voting; the deadline is armed after commit.
 */
export async function openVote(
  uow: UnitOfWork,
  actor: string,
  sessionId: string,
  input: OpenVoteInput,
  quorumRule: QuorumRule,
): Promise<VoteView> {
  const { m } = uow;
  const session = await lockedSession(uow, sessionId);
  if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
  const item = await lockItemUnderDebate(m, sessionId);
  if (!item) throw new DomainError('NO_CURRENT_ITEM');
  if ((await hasOpenVote(m, sessionId)) || item.status === 'voting')
    throw new DomainError('VOTE_IN_PROGRESS');
  if (await hasRunningSpeech(m, sessionId))
    throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action: 'open_vote', status: 'speech_running' });

  const procedural = input.procedural === true;
  if (!procedural && !item.motion_id) throw new DomainError('ITEM_HAS_NO_MOTION');
  const kind: VoteOpenedPayload['kind'] = procedural
    ? 'procedural'
    : item.kind === 'amendment'
      ? 'amendment'
      : 'motion';
  const motionId = procedural ? null : item.motion_id;

  const voteId = randomUUID();
  const seats = await readSeats(m);
  const checkedIn = new Set(await readPresentDelegateIds(m, sessionId));
  const quorum = computeQuorum(seats, checkedIn, quorumRule);
  if (!quorum.hasQuorum)
    throw new DomainError('NO_QUORUM', { present: quorum.present, required: quorum.required });
  const entitled = freezeEntitledList(voteId, seats, checkedIn, quorumRule);

  if (motionId) {
    const motion = (await lockMotionState(m, motionId))!;
    // The lifecycle refuses first; then amendments are voted before their parent: none may be on its way.
    transitionMotion(motion.status, 'open_vote');
    if (kind === 'motion') {
      const pending = await pendingAmendmentNumbers(m, motionId);
      if (pending.length > 0) throw new DomainError('AMENDMENTS_PENDING', { numbers: pending.join(', ') });
    }
    await moveMotion(uow, motion, 'open_vote', { record: { sessionId, voteId } }, actor);
  }
  const question = input.question ?? item.title;
  const seatOf = new Map<string, string>();
  for (const seat of seats) {
    seatOf.set(seat.titularId, seat.titularId);
    if (seat.alternateId) seatOf.set(seat.alternateId, seat.titularId);
  }
  const opened = {
    sessionId,
    itemId: item.id,
    motionId,
    kind,
    question,
    rule: input.rule,
    ruleVersion: COUNTING_RULES_VERSION,
    presentAtOpening: entitled.presentAtOpening,
    seatedAtOpening: entitled.seatedAtOpening,
  };
  const { deadline } = await insertVote(m, {
    ...opened,
    id: voteId,
    entitledHash: entitled.hash,
    openedBy: actor,
    deadlineSeconds: input.durationSeconds ?? null,
    entitled: entitled.delegateIds.map((delegateId) => ({
      delegateId,
      seatTitularId: seatOf.get(delegateId)!,
    })),
  });
  const payload: VoteOpenedPayload = {
    voteId,
    ...opened,
    entitled: entitled.delegateIds,
    entitledListHash: entitled.hash,
    deadline: deadline?.toISOString() ?? null,
  };
  await uow.record({ type: 'vote.opened', actor, payload });
  const view = (await readVoteView(m, voteId))!;
  await uow.live(sessionId, 'vote.opened', view);
  if (motionId) {
    await writeAgendaItemStatus(m, item.id, 'voting');
    await uow.live(sessionId, 'agenda.current_changed', {
      currentItemId: item.id,
      agenda: await readAgenda(m, sessionId),
    });
  }
  if (deadline) uow.armVoteDeadline(voteId, deadline);
  return view;
}
