import { DomainError } from '../errors/domain-error.js';

export const MOTION_STATUSES = [
  'draft',
  'filed',
  'admitted',
  'scheduled',
  'debating',
  'voting',
  'adopted',
  'rejected',
  'inadmissible',
  'withdrawn',
] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

export const MOTION_ACTIONS = [
  'file',
  'admit',
  'declare_inadmissible',
  'withdraw',
  'schedule',
  'start_debate',
  'open_vote',
  'adopt',
  'reject',
  'defer',
] as const;
export type MotionAction = (typeof MOTION_ACTIONS)[number];

/**
 * The motion lifecycle of DESIGN.md as data: from a status, which action leads where.
 * `defer` sends a scheduled or debated motion back to `admitted` (it can be scheduled again);
 * `withdraw` is possible until the vote opens.
 */
const TRANSITIONS: Record<MotionStatus, Partial<Record<MotionAction, MotionStatus>>> = {
  draft: { file: 'filed', withdraw: 'withdrawn' },
  filed: { admit: 'admitted', declare_inadmissible: 'inadmissible', withdraw: 'withdrawn' },
  admitted: { schedule: 'scheduled', withdraw: 'withdrawn' },
  scheduled: { start_debate: 'debating', defer: 'admitted', withdraw: 'withdrawn' },
  debating: { open_vote: 'voting', defer: 'admitted', withdraw: 'withdrawn' },
  voting: { adopt: 'adopted', reject: 'rejected' },
  adopted: {},
  rejected: {},
  inadmissible: {},
  withdrawn: {},
};

export function nextMotionStatus(from: MotionStatus, action: MotionAction): MotionStatus | null {
  // Own properties only: an action named like an Object method ("toString") is not a transition.
  const row = Object.hasOwn(TRANSITIONS, from) ? TRANSITIONS[from] : undefined;
  return row && Object.hasOwn(row, action) ? (row[action] ?? null) : null;
}

/** The status after `action`, or a coded refusal (409 over HTTP) naming both. */
export function transitionMotion(from: MotionStatus, action: MotionAction): MotionStatus {
  const next = nextMotionStatus(from, action);
  if (!next) throw new DomainError('MOTION_TRANSITION_INVALID', { action, status: from });
  return next;
}

export function allowedMotionActions(from: MotionStatus): MotionAction[] {
  return Object.keys(TRANSITIONS[from]) as MotionAction[];
}

export function isFinalMotionStatus(status: MotionStatus): boolean {
  return allowedMotionActions(status).length === 0;
}

/** Amendments may be filed against a parent that is admitted, scheduled or in debate. */
export const AMENDABLE_STATUSES: readonly MotionStatus[] = ['admitted', 'scheduled', 'debating'];

export function formatMotionNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || !Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`formatMotionNumber: bad year ${year} or sequence ${sequence}`);
  }
  return `MOC-${year}-${String(sequence).padStart(4, '0')}`;
}

export const MOTION_NUMBER_PATTERN = /^MOC-(\d{4})-(\d{4}|[1-9]\d{4,})$/;
