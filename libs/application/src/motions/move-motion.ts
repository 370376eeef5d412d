import {
  transitionMotion,
  type MotionAction,
  type MotionFiledPayload,
  type MotionStatus,
  type NewRecordEvent,
} from '#domain';
import { writeMotionStatus } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/** What each action records beside the motion, its number and (for most) the statuses it moved between. */
export interface MotionMoveDetails {
  file: {
    filing: { number: string; year: number; sequence: number };
    record: Omit<MotionFiledPayload, 'motionId' | 'number'>;
  };
  admit: { record: { cosponsors: number; threshold: number; decision?: string } };
  declare_inadmissible: { reason: string };
  withdraw: { record?: undefined };
  schedule: { record: { sessionId: string } };
  start_debate: { record: { sessionId: string } };
  defer: { record: { sessionId: string } };
  open_vote: { record: { sessionId: string; voteId: string } };
  adopt: { record: { voteId: string; lapsed?: { reason: string; detail: string } | null } };
  reject: { record: { voteId: string } };
}

/** A motion as locked by the caller (FOR UPDATE), before the move. */
export interface MovingMotion {
  id: string;
  number: string | null;
  status: MotionStatus;
}

function recordOf<A extends MotionAction>(
  motion: MovingMotion,
  action: A,
  to: MotionStatus,
  details: MotionMoveDetails[A],
  actor: string | null,
): NewRecordEvent | null {
  const motionId = motion.id;
  if (action === 'file') {
    const { filing, record } = details as MotionMoveDetails['file'];
    return { type: 'motion.filed', actor, payload: { motionId, number: filing.number, ...record } };
  }
  // A draft was never public, so withdrawing one leaves nothing in the public record.
  if (motion.status === 'draft') return null;
  const number = motion.number;
  if (number === null) throw new Error(`motion ${motionId} is public but has no number`);
  if (action === 'declare_inadmissible') {
    const { reason } = details as MotionMoveDetails['declare_inadmissible'];
    return { type: 'motion.declared_inadmissible', actor, payload: { motionId, number, reason } };
  }
  const moved = { motionId, number, from: motion.status, to };
  switch (action) {
    case 'admit':
      return {
        type: 'motion.admitted',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['admit']).record },
      };
    case 'withdraw':
      return { type: 'motion.withdrawn', actor, payload: moved };
    case 'schedule':
      return {
        type: 'motion.scheduled',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['schedule']).record },
      };
    case 'start_debate':
      return {
        type: 'motion.debate_started',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['start_debate']).record },
      };
    case 'defer':
      return {
        type: 'motion.deferred',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['defer']).record },
      };
    case 'open_vote':
      return {
        type: 'motion.vote_opened',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['open_vote']).record },
      };
    case 'adopt':
      return {
        type: 'motion.adopted',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['adopt']).record },
      };
    case 'reject':
      return {
        type: 'motion.rejected',
        actor,
        payload: { ...moved, ...(details as MotionMoveDetails['reject']).record },
      };
  }
  throw new Error(`no record event for motion action ${action}`);
}

/**
 * The one way a motion changes status: the lifecycle decides where `action` leads from the locked
 * row's status (or refuses with MOTION_TRANSITION_INVALID), the row is written, and the change enters
 * the public record as `motion.<past tense>`, all in the caller's transaction. Returns the new status.
 */
export async function moveMotion<A extends MotionAction>(
  uow: UnitOfWork,
  motion: MovingMotion,
  action: A,
  details: MotionMoveDetails[A],
  actor: string | null,
): Promise<MotionStatus> {
  const to = transitionMotion(motion.status, action);
  const event = recordOf(motion, action, to, details, actor);
  await writeMotionStatus(uow.m, motion.id, to, {
    ...(action === 'file' ? { filing: (details as MotionMoveDetails['file']).filing } : {}),
    ...(action === 'declare_inadmissible'
      ? { inadmissibleReason: (details as MotionMoveDetails['declare_inadmissible']).reason }
      : {}),
  });
  if (event) await uow.record(event);
  return to;
}
