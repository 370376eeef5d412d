import { DomainError } from '../errors/domain-error.js';

export const SESSION_KINDS = ['ordinary', 'extraordinary'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['scheduled', 'open', 'suspended', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_ACTIONS = ['open', 'suspend', 'resume', 'close'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/** scheduled → open ↔ suspended → closed (a suspended session may also be closed). */
const TRANSITIONS: Record<SessionStatus, Partial<Record<SessionAction, SessionStatus>>> = {
  scheduled: { open: 'open' },
  open: { suspend: 'suspended', close: 'closed' },
  suspended: { resume: 'open', close: 'closed' },
  closed: {},
};

export function nextSessionStatus(from: SessionStatus, action: SessionAction): SessionStatus | null {
  const row = Object.hasOwn(TRANSITIONS, from) ? TRANSITIONS[from] : undefined;
  return row && Object.hasOwn(row, action) ? (row[action] ?? null) : null;
}

export function transitionSession(from: SessionStatus, action: SessionAction): SessionStatus {
  const next = nextSessionStatus(from, action);
  if (!next) throw new DomainError('SESSION_TRANSITION_INVALID', { action, status: from });
  return next;
}

/** A session's number within the year of its date: SES-2026-0003. */
export function formatSessionNumber(year: number, sequence: number): string {
  return `SES-${year}-${String(sequence).padStart(4, '0')}`;
}
