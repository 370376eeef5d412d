import type { VoteView } from '#contracts';
import {
  COUNTING_RULES_VERSION,
  computeQuorum,
  countingRuleFor,
  decisionKindFor,
  DomainError,
  freezeEntitledList,
  transitionMotion,
  type CountingRule,
  type VoteOpenedPayload,
} from '#domain';
import {
  hasOpenElectionRound,
  hasOpenVote,
  hasRunningSpeech,
  insertVote,
  lockItemUnderDebate,
  lockMotionState,
  pendingAmendmentNumbers,
  readAgenda,
  readMotionDecision,
  readPresentDelegateIds,
  readSeats,
  readVoteView,
  writeAgendaItemStatus,
} from '#persistence';
import { randomUUID } from 'node:crypto';
import type { BallotBoxCipher } from '../elections/ballot-box-cipher.js';
import { moveMotion } from '../motions/move-motion.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import { lockedSession } from '../sessions/locked-session.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface OpenVoteInput {
  /** Omitted: the reglamento's rule for the decision; another only where the reglamento lets the moderator choose. */
  rule?: CountingRule;
  /** The kind of decision in the reglamento's terms; omitted: what is under debate (motion, amendment, procedural). */
  decision?: string;
  procedural?: boolean;
  question?: string;
  durationSeconds?: number;
}

/**
 * Opens a roll-call vote on the session's current item under the reglamento in force: its counting rule
 * for the kind of decision (the moderator's choice only where it allows one), checks quorum, freezes the
 * entitled list and publishes its hash, moves the motion into voting; the deadline is armed after commit.
 * A decision the reglamento marks secret opens a secret question: a ballot key of its own, sealed under
 * SECRETS_KEY, for the box its ballots go to (castSecretQuestionBallot).
 */
export async function openVote(
  uow: UnitOfWork,
  actor: string,
  sessionId: string,
  input: OpenVoteInput,
  cipher: BallotBoxCipher,
): Promise<VoteView> {
  const { m } = uow;
  const session = await lockedSession(uow, sessionId);
  if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
  const item = await lockItemUnderDebate(m, sessionId);
  if (!item) throw new DomainError('NO_CURRENT_ITEM');
  if (
    (await hasOpenVote(m, sessionId)) ||
    (await hasOpenElectionRound(m, sessionId)) ||
    item.status === 'voting'
  )
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
  const reglamento = await rulesInForceNow(m);
  // A motion is the kind the Mesa qualified it as when it admitted it (public since), never one chosen now.
  const qualified =
    kind === 'motion' && motionId ? ((await readMotionDecision(m, motionId)) ?? 'motion') : kind;
  if (input.decision !== undefined && input.decision !== qualified)
    throw new DomainError('DECISION_KIND_MISMATCH', { kind: input.decision, item: qualified });
  const decision = decisionKindFor(reglamento.rules, kind, qualified === kind ? undefined : qualified);
  const rule = countingRuleFor(decision, input.rule);
  const quorumRule = reglamento.rules.quorum;
  // The Mesa sets the deadline: one shorter than the minimum open time would close the vote early for it.
  if (input.durationSeconds !== undefined && input.durationSeconds < reglamento.rules.minimumOpenSeconds)
    throw new DomainError('VOTE_DEADLINE_TOO_SHORT', { seconds: reglamento.rules.minimumOpenSeconds });

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
    rule,
    ruleVersion: COUNTING_RULES_VERSION,
    rulesVersion: reglamento.version,
    decision: decision.kind,
    presentAtOpening: entitled.presentAtOpening,
    seatedAtOpening: entitled.seatedAtOpening,
  };
  const { deadline } = await insertVote(m, {
    ...opened,
    id: voteId,
    entitledHash: entitled.hash,
    openedBy: actor,
    deadlineSeconds: input.durationSeconds ?? null,
    ...(decision.secret === true ? { sealedBallotKey: cipher.newKey(voteId).sealedKey } : {}),
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
    ...(decision.secret === true ? { secret: true as const } : {}),
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
