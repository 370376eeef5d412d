import type { Role } from '../accounts/roles.js';
import type { MotionStatus } from '../motions/motion-lifecycle.js';
import type { AssemblyRules } from '../rules/assembly-rules.js';
import type { AmendmentChange } from '../motions/amendment.js';
import type { DelegateStatus } from '../delegates/delegate-rules.js';
import type { SessionStatus } from '../sessions/session-lifecycle.js';
import type { SpeakerStance } from '../sessions/speakers.js';
import type { ElectionChoice, ElectionMethod } from '../elections/election-method.js';
import type { ElectionOutcome, FirstRoundOutcome, RunoffOutcome } from '../elections/election-outcome.js';
import type { PositionRank } from '../elections/terms.js';
import type { SigningKeyAdoptedPayload, SigningKeyChangedPayload } from './checkpoint.js';
import type {
  BallotCastPayload,
  ResolutionIssuedPayload,
  VoteClosedPayload,
  VoteOpenedPayload,
} from '../votes/vote-record.js';
import type { BallotChoice, Tally } from '../votes/counting-rules.js';

/**
 * The catalogue of the public record: every event type, the payload stored and hashed for it, and the
 * subject it is filed under. The writer accepts nothing else, the verifier and the README read from it.
 * A payload is part of the record's hash: changing a shape means a new event type, never an edit here
 * (an added optional field, absent from earlier events, is the one compatible change).
 */

export interface RulesChangedPayload {
  version: number;
  /** From when this version applies (ISO 8601, UTC); the highest version whose time has come is in force. */
  effectiveAt: string;
  rules: AssemblyRules;
  /** Why, in the secretariat's words (empty when none was given). */
  note: string;
}

interface QuorumPayload {
  seated: number;
  present: number;
  required: number;
  hasQuorum: boolean;
}

export interface SessionScheduledPayload {
  sessionId: string;
  /** SES-<year>-<n> (absent from sessions called before sessions were numbered). */
  number?: string;
  kind: 'ordinary' | 'extraordinary';
  title: string;
  scheduledAt: string;
  place: string | null;
  virtualUrl: string | null;
}

export interface SessionStatusPayload {
  sessionId: string;
  from: SessionStatus;
  to: SessionStatus;
  quorum: QuorumPayload;
}

export interface AgendaChangedPayload {
  sessionId: string;
  items: {
    id: string;
    position: number;
    kind: 'motion' | 'amendment' | 'report' | 'topic';
    title: string;
    motionId: string | null;
  }[];
}

export interface AgendaItemPayload {
  sessionId: string;
  itemId: string;
  status: 'in_debate' | 'done' | 'deferred';
  /** Only when the item was deferred by the session's adjournment. */
  reason?: 'session_closed';
}

export interface AttendancePayload {
  sessionId: string;
  delegateId: string;
  recordedBy: 'self' | 'moderator';
  quorum: QuorumPayload;
}

export interface SpeakerRequestedPayload {
  sessionId: string;
  itemId: string;
  delegateId: string;
  stance: SpeakerStance;
}

export interface SpeakerWithdrawnPayload {
  sessionId: string;
  itemId: string;
  delegateId: string;
}

export interface SpeechPayload {
  sessionId: string;
  id: string;
  itemId: string;
  delegateId: string;
  stance: SpeakerStance;
  startedAt: string;
  endsAt: string;
  endedAt: string | null;
  endedBy: 'timer' | 'moderator' | null;
}

export interface SpeechExtendedPayload {
  sessionId: string;
  speechId: string;
  seconds: number;
  endsAt: string;
}

export interface MotionFiledPayload {
  motionId: string;
  number: string;
  kind: 'motion' | 'amendment';
  parentId: string | null;
  parentNumber: string | null;
  amendmentChanges: AmendmentChange[] | null;
  authorDelegateId: string;
  version: 1;
  title: string;
  body: string;
  rationale: string | null;
  objectives: string[];
  institutions: string[];
  complianceDeadline: string | null;
}

export interface CosponsorshipPayload {
  motionId: string;
  number: string;
  delegateId: string;
}

export interface MotionInadmissiblePayload {
  motionId: string;
  number: string;
  reason: string;
}

/** Every status change of a motion: where it was, where it went, and what moved it. */
export interface MotionTransitionPayload {
  motionId: string;
  number: string;
  from: MotionStatus;
  to: MotionStatus;
}

export interface MotionAdmittedPayload extends MotionTransitionPayload {
  cosponsors: number;
  threshold: number;
  /** A kind of decision the assembly added, when the Mesa qualifies the motion as one (absent: ordinary). */
  decision?: string;
}

export interface MotionInSessionPayload extends MotionTransitionPayload {
  sessionId: string;
}

export interface MotionVoteOpenedPayload extends MotionInSessionPayload {
  voteId: string;
}

export interface MotionSettledPayload extends MotionTransitionPayload {
  voteId: string;
  /** An adopted amendment only: why it could not be applied to its parent (null when it was). */
  lapsed?: { reason: string; detail: string } | null;
}

export interface MotionAmendedPayload {
  motionId: string;
  number: string;
  version: number;
  amendmentId: string;
  amendmentNumber: string;
  title: string;
  body: string;
  rationale: string | null;
}

export interface ComplianceReportedPayload {
  resolutionNumber: string;
  institutionCode: string;
  progress: number;
  status: 'pending' | 'in_progress' | 'fulfilled' | 'overdue';
  body: string;
  evidence: string[];
  /** Files attached, in order, each named by its SHA-256 (absent from reports made before files existed). */
  evidenceFiles?: { sha256: string; fileName: string; size: number; mediaType: string }[];
  /**
   * Who reported: a liaison of the institution, or the secretariat on its behalf (absent from reports made
   * before this was recorded; the actor names the account either way).
   */
  reportedAs?: 'liaison' | 'secretariat';
}

export interface ComplianceOverduePayload {
  resolutionNumber: string;
  institutionCode: string;
  status: 'overdue';
  progress: number;
  deadline: string;
}

/** The secretariat suspends, ceases or reinstates a delegate: since when, and why (public). */
export interface DelegateStatusChangedPayload {
  delegateId: string;
  from: DelegateStatus;
  to: DelegateStatus;
  /** The day the change takes effect (YYYY-MM-DD, assembly time). */
  effectiveOn: string;
  reason: string | null;
}

/**
 * Credential facts of an account, public so anyone can see that an account was reset or changed before a
 * vote. No secret, e-mail or name: the account's id, and the seat it holds when it holds one.
 */
interface AccountFactBase {
  userId: string;
  /** The delegate seat the account holds at that moment, if any. */
  delegateId?: string;
}

export interface AccountCreatedPayload extends AccountFactBase {
  roles: Role[];
}

export interface AccountEnrolmentIssuedPayload extends AccountFactBase {
  /** `enrolment`: a new account's first password; `reset`: the password was cleared and sessions ended. */
  purpose: 'enrolment' | 'reset';
  expiresAt: string;
}

export interface AccountPasswordSetPayload extends AccountFactBase {
  /** With an enrolment or reset code, by its owner changing it, or by the machine's operator (CLI). */
  via: 'enrolment' | 'reset' | 'change' | 'operator';
}

export interface AccountRolesChangedPayload extends AccountFactBase {
  granted: Role[];
  removed: Role[];
}

export interface AccountStatusChangedPayload extends AccountFactBase {
  active: boolean;
}

export interface AccountSeatChangedPayload extends AccountFactBase {
  /** The seat the account held before (absent when it held none). */
  previousDelegateId?: string;
}

export interface AccountSecondFactorPayload extends AccountFactBase {
  method: 'totp';
  enabled: boolean;
}

export interface AccountRecoveryCodeUsedPayload extends AccountFactBase {
  /** Recovery codes the account has left after this one. */
  remaining: number;
}

/** A working commission of the assembly (its positions are created apart). */
export interface CommissionCreatedPayload {
  commissionId: string;
  name: { es: string; en: string };
}

/** A position of the Mesa Directiva or of a commission, and how many hold it at once. */
export interface PositionCreatedPayload {
  positionId: string;
  body: 'mesa' | 'commission';
  commissionId: string | null;
  rank: PositionRank;
  title: { es: string; en: string };
  seats: number;
}

/** A term of office: from `startsAt` (included) to `endsAt` (excluded). */
export interface TermCreatedPayload {
  termId: string;
  label: string;
  startsAt: string;
  endsAt: string;
}

/** Who will hold a position for a term: elected (`electionId`) or appointed by the secretariat. */
export interface OfficeAssignedPayload {
  officeId: string;
  positionId: string;
  termId: string;
  holderId: string;
  delegateId: string | null;
  electionId: string | null;
  startsAt: string;
  endsAt: string;
}

/** The scheduled job's step at an office's start or end: the roles it granted or withdrew. */
export interface OfficeChangePayload {
  officeId: string;
  positionId: string;
  holderId: string;
  at: string;
  /** The roles the position grants (the Mesa: moderator). */
  roles: Role[];
  /**
   * What this step changed on the account: granted at the start, withdrawn at the end. A role the
   * account held otherwise (an administrator's grant) is neither granted nor withdrawn by an office.
   */
  applied: Role[];
}

/** An election is called for a position's seats in a term, with its method. */
export interface ElectionCalledPayload {
  electionId: string;
  positionId: string;
  termId: string;
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  title: string;
}

export interface CandidacyPayload {
  electionId: string;
  candidacyId: string;
  /** The candidate's delegate id. */
  candidateId: string;
  /** The delegate who nominated (the candidate themselves when self-nominated). */
  nominatedBy: string;
}

/** A round of an election opens: the ballot it uses, the entitled list (frozen) and its hash. */
export interface ElectionOpenedPayload {
  electionId: string;
  roundId: string;
  round: 'first' | 'runoff';
  sessionId: string;
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  candidates: string[];
  entitled: string[];
  entitledListHash: string;
  presentAtOpening: number;
  seatedAtOpening: number;
  deadline: string | null;
}

/** A delegate took part in a secret vote: who, never what (docs/secret-ballots.md). */
export interface SecretParticipatedPayload {
  voteId: string;
  delegateId: string;
}

/** At a secret vote's close: every (tracker, choice) in tracker order, who took part, and the outcome. */
export interface SecretBallotsPublishedPayload {
  voteId: string;
  electionId: string;
  closedBy: 'moderator' | 'deadline';
  ballots: { tracker: string; choice: ElectionChoice }[];
  secretBallotsHash: string;
  participants: string[];
  participationHash: string;
  outcome: FirstRoundOutcome | RunoffOutcome;
}

/**
 * The close of a secret question (a vote whose decision the reglamento marks secret): the same list as
 * an election round's, with yes / no / abstain as choices and the vote's tally as its outcome; no
 * `electionId`. The `vote.closed` that follows carries the same tally and no revisions.
 */
export interface SecretQuestionPublishedPayload {
  voteId: string;
  closedBy: 'moderator' | 'deadline';
  ballots: { tracker: string; choice: BallotChoice }[];
  secretBallotsHash: string;
  participants: string[];
  participationHash: string;
  outcome: Tally;
}

/** The election's result once no round is pending: who is elected, vacant seats. */
export interface ElectionDecidedPayload {
  electionId: string;
  outcome: ElectionOutcome;
}

/** Event type → the payload stored (and hashed) for it. */
export interface RecordEventPayloads {
  'session.scheduled': SessionScheduledPayload;
  'session.opened': SessionStatusPayload;
  'session.suspended': SessionStatusPayload;
  'session.resumed': SessionStatusPayload;
  'session.closed': SessionStatusPayload;
  'agenda.changed': AgendaChangedPayload;
  'agenda.item_started': AgendaItemPayload;
  'agenda.item_finished': AgendaItemPayload;
  'agenda.item_deferred': AgendaItemPayload;
  'attendance.checked_in': AttendancePayload;
  'attendance.checked_out': AttendancePayload;
  'speaker.requested': SpeakerRequestedPayload;
  'speaker.withdrawn': SpeakerWithdrawnPayload;
  'speech.started': SpeechPayload;
  'speech.extended': SpeechExtendedPayload;
  'speech.ended': SpeechPayload;
  'motion.filed': MotionFiledPayload;
  'motion.cosponsored': CosponsorshipPayload;
  'motion.cosponsorship_withdrawn': CosponsorshipPayload;
  'motion.admitted': MotionAdmittedPayload;
  'motion.declared_inadmissible': MotionInadmissiblePayload;
  'motion.withdrawn': MotionTransitionPayload;
  'motion.scheduled': MotionInSessionPayload;
  'motion.debate_started': MotionInSessionPayload;
  'motion.deferred': MotionInSessionPayload;
  'motion.vote_opened': MotionVoteOpenedPayload;
  'motion.adopted': MotionSettledPayload;
  'motion.rejected': MotionSettledPayload;
  'motion.amended': MotionAmendedPayload;
  'rules.changed': RulesChangedPayload;
  'vote.opened': VoteOpenedPayload;
  'ballot.cast': BallotCastPayload;
  'vote.closed': VoteClosedPayload;
  'resolution.issued': ResolutionIssuedPayload;
  'compliance.reported': ComplianceReportedPayload;
  'compliance.overdue': ComplianceOverduePayload;
  'delegate.status_changed': DelegateStatusChangedPayload;
  'account.created': AccountCreatedPayload;
  'account.enrolment_issued': AccountEnrolmentIssuedPayload;
  'account.password_set': AccountPasswordSetPayload;
  'account.roles_changed': AccountRolesChangedPayload;
  'account.status_changed': AccountStatusChangedPayload;
  'account.seat_changed': AccountSeatChangedPayload;
  'account.second_factor_changed': AccountSecondFactorPayload;
  'account.recovery_code_used': AccountRecoveryCodeUsedPayload;
  'record.signing_key_adopted': SigningKeyAdoptedPayload;
  'record.signing_key_changed': SigningKeyChangedPayload;
  'commission.created': CommissionCreatedPayload;
  'position.created': PositionCreatedPayload;
  'term.created': TermCreatedPayload;
  'office.assigned': OfficeAssignedPayload;
  'office.taken': OfficeChangePayload;
  'office.ended': OfficeChangePayload;
  'election.called': ElectionCalledPayload;
  'candidacy.proposed': CandidacyPayload;
  'candidacy.accepted': CandidacyPayload;
  'candidacy.withdrawn': CandidacyPayload;
  'election.opened': ElectionOpenedPayload;
  'secret.participated': SecretParticipatedPayload;
  'secret.ballots_published': SecretBallotsPublishedPayload | SecretQuestionPublishedPayload;
  'election.decided': ElectionDecidedPayload;
}

export type RecordEventType = keyof RecordEventPayloads;

/** An event to append: the writer seals it and files it under the catalogue's subject. */
export type NewRecordEvent = {
  [K in RecordEventType]: { type: K; actor: string | null; payload: RecordEventPayloads[K] };
}[RecordEventType];

export type RecordSubjectKind =
  | 'session'
  | 'motion'
  | 'vote'
  | 'resolution'
  | 'rules'
  | 'delegate'
  | 'account'
  | 'record'
  | 'commission'
  | 'position'
  | 'term'
  | 'election';

interface RecordEventDefinition<K extends RecordEventType> {
  subjectKind: RecordSubjectKind;
  /** The subject's id (or number, for resolutions) as read from the payload. */
  subjectOf: (payload: RecordEventPayloads[K]) => string;
  /** One line for the README's table of the record. */
  meaning: string;
}

const bySession = { subjectKind: 'session', subjectOf: (p: { sessionId: string }) => p.sessionId } as const;
const byMotion = { subjectKind: 'motion', subjectOf: (p: { motionId: string }) => p.motionId } as const;
const byVote = { subjectKind: 'vote', subjectOf: (p: { voteId: string }) => p.voteId } as const;
const byPosition = {
  subjectKind: 'position',
  subjectOf: (p: { positionId: string }) => p.positionId,
} as const;
const byElection = {
  subjectKind: 'election',
  subjectOf: (p: { electionId: string }) => p.electionId,
} as const;
const byAccount = { subjectKind: 'account', subjectOf: (p: { userId: string }) => p.userId } as const;
const byResolution = {
  subjectKind: 'resolution',
  subjectOf: (p: { resolutionNumber: string }) => p.resolutionNumber,
} as const;

export const RECORD_EVENTS: { [K in RecordEventType]: RecordEventDefinition<K> } = {
  'session.scheduled': { ...bySession, meaning: 'a session is called: kind, title, date, place' },
  'session.opened': { ...bySession, meaning: 'the session opens, with the quorum at that moment' },
  'session.suspended': { ...bySession, meaning: 'the session is suspended (quorum recorded)' },
  'session.resumed': { ...bySession, meaning: 'the session resumes (quorum recorded)' },
  'session.closed': { ...bySession, meaning: 'the session is adjourned (quorum recorded)' },
  'agenda.changed': { ...bySession, meaning: 'the whole agenda after an item is added or reordered' },
  'agenda.item_started': { ...bySession, meaning: 'an agenda item is taken up' },
  'agenda.item_finished': { ...bySession, meaning: 'an agenda item is finished without a vote' },
  'agenda.item_deferred': { ...bySession, meaning: 'an item is deferred (by the Mesa, or at adjournment)' },
  'attendance.checked_in': {
    ...bySession,
    meaning: 'a delegate is present (self or roll call), quorum after',
  },
  'attendance.checked_out': { ...bySession, meaning: 'a delegate leaves, quorum after' },
  'speaker.requested': {
    ...bySession,
    meaning: 'a delegate asks for the floor (pro, contra, point of order)',
  },
  'speaker.withdrawn': { ...bySession, meaning: 'a delegate withdraws a request for the floor' },
  'speech.started': { ...bySession, meaning: 'the Mesa gives the floor; the speech and its end time' },
  'speech.extended': { ...bySession, meaning: 'a speech is given more seconds' },
  'speech.ended': { ...bySession, meaning: 'a speech ends (by its clock or by the Mesa)' },
  'motion.filed': { ...byMotion, meaning: 'a motion or amendment is filed: its number and full text' },
  'motion.cosponsored': { ...byMotion, meaning: 'a delegate co-sponsors a filed motion' },
  'motion.cosponsorship_withdrawn': { ...byMotion, meaning: 'a delegate withdraws a co-sponsorship' },
  'motion.admitted': { ...byMotion, meaning: 'the Mesa admits a motion (co-sponsors and threshold)' },
  'motion.declared_inadmissible': { ...byMotion, meaning: 'the Mesa declares it inadmissible, with reasons' },
  'motion.withdrawn': { ...byMotion, meaning: 'the author withdraws a public motion' },
  'motion.scheduled': { ...byMotion, meaning: 'a motion is put on a session agenda' },
  'motion.debate_started': { ...byMotion, meaning: 'its debate starts' },
  'motion.deferred': { ...byMotion, meaning: 'it goes back to admitted, to be scheduled again' },
  'motion.vote_opened': { ...byMotion, meaning: 'a vote on it opens' },
  'motion.adopted': { ...byMotion, meaning: 'its vote adopts it (an amendment: whether it lapsed)' },
  'motion.rejected': { ...byMotion, meaning: 'its vote rejects it' },
  'motion.amended': { ...byMotion, meaning: "an adopted amendment makes the parent's next version" },
  'rules.changed': {
    subjectKind: 'rules',
    subjectOf: (p) => String(p.version),
    meaning: 'a new version of the reglamento, whole, and the time from which it applies',
  },
  'vote.opened': {
    ...byVote,
    meaning: 'a vote opens: question, decision, rule, reglamento version, the entitled list and its hash',
  },
  'ballot.cast': {
    ...byVote,
    meaning:
      "a ballot's commitment (its choice is revealed at the close); recordedBy when the Mesa recorded it for a delegate who voted by voice, hands or paper (the actor is then the moderator)",
  },
  'vote.closed': { ...byVote, meaning: 'the tally and every revision of every ballot, revealed' },
  'resolution.issued': {
    subjectKind: 'resolution',
    subjectOf: (p) => p.number,
    meaning: "an adopted motion's resolution number and document digest",
  },
  'compliance.reported': { ...byResolution, meaning: 'an institution reports progress, with evidence' },
  'compliance.overdue': { ...byResolution, meaning: 'a compliance deadline passed unfulfilled' },
  'delegate.status_changed': {
    subjectKind: 'delegate',
    subjectOf: (p) => p.delegateId,
    meaning: 'the secretariat suspends, ceases or reinstates a delegate: date and reason',
  },
  'account.created': { ...byAccount, meaning: 'an account is created, with its roles (no name or e-mail)' },
  'account.enrolment_issued': {
    ...byAccount,
    meaning: 'a one-time enrolment or reset code is issued (a reset clears the password, ends sessions)',
  },
  'account.password_set': {
    ...byAccount,
    meaning: 'a password is set: with an enrolment or reset code, by its owner, or by the operator',
  },
  'account.roles_changed': { ...byAccount, meaning: 'roles granted to or removed from an account' },
  'account.status_changed': { ...byAccount, meaning: 'an account is deactivated or reactivated' },
  'account.seat_changed': { ...byAccount, meaning: 'an account comes to hold a delegate seat' },
  'account.second_factor_changed': { ...byAccount, meaning: 'a second factor (TOTP) is enabled or removed' },
  'account.recovery_code_used': {
    ...byAccount,
    meaning: 'a second-factor recovery code is used to sign in (how many are left)',
  },
  'record.signing_key_adopted': {
    subjectKind: 'record',
    subjectOf: () => 'signing-key',
    meaning: "the Ed25519 key that signs the record's checkpoints: its id and public key",
  },
  'record.signing_key_changed': {
    subjectKind: 'record',
    subjectOf: () => 'signing-key',
    meaning: 'a new checkpoint key, endorsed by the signature of the key it replaces',
  },
  'commission.created': {
    subjectKind: 'commission',
    subjectOf: (p) => p.commissionId,
    meaning: 'a working commission of the assembly is created (its name)',
  },
  'position.created': {
    ...byPosition,
    meaning: 'a position of the Mesa or a commission: rank, title and seats',
  },
  'term.created': {
    subjectKind: 'term',
    subjectOf: (p) => p.termId,
    meaning: 'a term of office: its start (included) and end (excluded)',
  },
  'office.assigned': {
    ...byPosition,
    meaning: 'who will hold a position in a term: elected (the election) or appointed',
  },
  'office.taken': {
    ...byPosition,
    meaning: "an office's term starts: the holder takes it, with the roles it grants (Mesa: moderator)",
  },
  'office.ended': {
    ...byPosition,
    meaning: "an office's term ends: the roles withdrawn (none the holder has otherwise)",
  },
  'election.called': {
    ...byElection,
    meaning: 'an election is called: position, term, method, seats',
  },
  'candidacy.proposed': {
    ...byElection,
    meaning: 'a delegate nominates another for an election (the candidate must accept)',
  },
  'candidacy.accepted': {
    ...byElection,
    meaning: 'a candidacy stands: self-nominated, or accepted by the candidate',
  },
  'candidacy.withdrawn': { ...byElection, meaning: 'a candidacy is withdrawn by the candidate' },
  'election.opened': {
    ...byElection,
    meaning:
      "a round of an election opens: candidates, method, the entitled list and its hash (the event's hash seeds any lot)",
  },
  'secret.participated': {
    ...byVote,
    meaning: 'a delegate took part in a secret vote: who, never what or with which tracker',
  },
  'secret.ballots_published': {
    ...byVote,
    meaning:
      "a secret vote's close (an election round or a secret question): every (tracker, choice) in tracker order, its hash, who took part, the round's outcome or the question's tally",
  },
  'election.decided': {
    ...byElection,
    meaning: 'who the election elected, by which rule, vacant seats and ties',
  },
};

export const RECORD_EVENT_TYPES = Object.keys(RECORD_EVENTS) as RecordEventType[];

export function isRecordEventType(type: string): type is RecordEventType {
  return Object.hasOwn(RECORD_EVENTS, type);
}

/** The subject an event is filed under: `<kind>:<id>`, e.g. `motion:<uuid>`, `resolution:RES-2026-0001`. */
export function recordSubject(event: NewRecordEvent): string {
  if (!isRecordEventType(event.type))
    throw new TypeError(`${String(event.type)} is not in the record's catalogue`);
  const definition = RECORD_EVENTS[event.type] as RecordEventDefinition<RecordEventType>;
  return `${definition.subjectKind}:${definition.subjectOf(event.payload as never)}`;
}

/** The README's table of the record, generated from the catalogue (a spec keeps the README equal to it). */
export function recordEventTable(): string {
  const rows = RECORD_EVENT_TYPES.map(
    (type) => `| \`${type}\` | \`${RECORD_EVENTS[type].subjectKind}:…\` | ${RECORD_EVENTS[type].meaning} |`,
  );
  return ['| event | subject | what it records |', '|---|---|---|', ...rows].join('\n');
}
