/**
 * The realtime contract of namespace `/live`, shared by the gateway, the tests and the web client.
 * Every event of a session carries the session's next `sequence`; a client that sees a gap asks for
 * a fresh snapshot (`session.join` again).
 */
export const LIVE_NAMESPACE = '/live';

export const LIVE_EVENT_TYPES = [
  'session.opened',
  'session.suspended',
  'session.resumed',
  'session.closed',
  'agenda.changed',
  'agenda.current_changed',
  'attendance.changed',
  'speakers.changed',
  'speech.started',
  'speech.extended',
  'speech.ended',
  'vote.opened',
  'vote.progress',
  'vote.closed',
  'election.opened',
  'election.progress',
  'election.closed',
  'resolution.issued',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEnvelope<T = unknown> {
  sessionId: string;
  sequence: number;
  type: LiveEventType;
  data: T;
  occurredAt: string;
}

export interface QuorumView {
  seated: number;
  present: number;
  required: number;
  hasQuorum: boolean;
}

export interface AgendaItemView {
  id: string;
  position: number;
  kind: 'motion' | 'amendment' | 'report' | 'topic';
  title: string;
  motionId: string | null;
  status: 'pending' | 'in_debate' | 'voting' | 'done' | 'deferred';
}

export interface SessionView {
  id: string;
  /** SES-<year>-<n>: its number within the year of its date. */
  number: string;
  kind: 'ordinary' | 'extraordinary';
  title: string;
  status: 'scheduled' | 'open' | 'suspended' | 'closed';
  scheduledAt: string;
  place: string | null;
  virtualUrl: string | null;
  currentItemId: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface SpeakerView {
  requestId: string;
  delegateId: string;
  stance: 'pro' | 'contra' | 'point_of_order';
  requestedAt: string;
}

export interface SpeechView {
  id: string;
  itemId: string;
  delegateId: string;
  stance: 'pro' | 'contra' | 'point_of_order';
  startedAt: string;
  endsAt: string;
  endedAt: string | null;
  endedBy: 'timer' | 'moderator' | null;
}

export interface TallyView {
  rule: VoteView['rule'];
  ruleVersion: number;
  counts: { yes: number; no: number; abstain: number; notVoted: number };
  base: { kind: 'yes_plus_no' | 'present' | 'members'; size: number };
  required: number;
  outcome: 'adopted' | 'rejected';
  /** Only under a reglamento with a minimum turnout: ballots cast and the number required. */
  turnout?: { cast: number; required: number };
  /** Why a vote with enough yes ballots was still not adopted. */
  reason?: 'turnout_below_minimum';
}

/** How a delegate voted when the Mesa recorded their ballot: by voice, show of hands or on paper. */
export type BallotRecordingMethod = 'voice' | 'hands' | 'paper';

export interface BallotView {
  delegateId: string;
  name: string;
  constituency: string;
  choice: 'yes' | 'no' | 'abstain';
  /** Set when the Mesa recorded this ballot for the delegate (the public record's event says so too). */
  recordedBy: { method: BallotRecordingMethod } | null;
}

export interface NonVoterView {
  delegateId: string;
  name: string;
  constituency: string;
}

/** A vote as everyone sees it: ballots appear only once it is closed. */
export interface VoteView {
  id: string;
  sessionId: string;
  itemId: string;
  motionId: string | null;
  kind: 'motion' | 'amendment' | 'procedural';
  question: string;
  rule: 'simple' | 'absolute_present' | 'absolute_members' | 'two_thirds_cast' | 'two_thirds_members';
  ruleVersion: number;
  /** The reglamento version it was opened under, and the kind of decision (null: opened before the rules were data). */
  rulesVersion: number | null;
  decision: string | null;
  status: 'open' | 'closed';
  /**
   * A secret question (the reglamento marks its decision secret, docs/secret-ballots.md): ballots go to
   * POST /api/votes/:id/secret-ballots with a tracker; `castCount` is the participation count; `ballots`
   * and `notVoted` stay null — who took part is at …/participation, the (tracker, choice) list at
   * …/secret-ballots after the close.
   */
  secret: boolean;
  openedAt: string;
  deadline: string | null;
  closedAt: string | null;
  closedBy: 'moderator' | 'deadline' | null;
  entitledCount: number;
  entitledListHash: string;
  presentAtOpening: number;
  seatedAtOpening: number;
  /** How many of the entitled have cast a ballot. */
  castCount: number;
  tally: TallyView | null;
  /**
   * Every ballot, once the vote is closed, at GET /api/votes/:id. `null` while open, and always in live
   * events and session snapshots: there the result is `tally`, and the list (the bulk of the payload)
   * is fetched by those who open it.
   */
  ballots: BallotView[] | null;
  /**
   * The entitled delegates who cast no ballot, by province then name, served with `ballots` (null
   * otherwise). The entitled list is in the record's `vote.opened` event, so naming them adds nothing new;
   * it lets the hemicycle seat them in their province.
   */
  notVoted: NonVoterView[] | null;
  resolutionNumber: string | null;
}

/**
 * `GET /api/votes/:id/my-ballot` (delegate): where the calling delegate stands in a vote, open or closed.
 * `reason` says why they are not entitled (null when they are): their titular took the seat, they held
 * no active seat, or they had not checked in when it opened.
 */
export interface MyBallotView {
  voteId: string;
  status: 'open' | 'closed';
  /** A secret question: `ballot` is always null; `participated` says whether they took part. */
  secret: boolean;
  participated: boolean;
  entitled: boolean;
  reason: null | 'titular_present' | 'absent_at_opening' | 'not_seated';
  /**
   * Their standing ballot (the last revision counts), with the receipt of that revision; `recordedBy`
   * is set when the Mesa recorded it for them (they may replace it with their own while the vote is open).
   */
  ballot: null | {
    choice: 'yes' | 'no' | 'abstain';
    revision: number;
    receipt: string;
    castAt: string;
    recordedBy: { method: BallotRecordingMethod } | null;
  };
}

/** `GET /api/votes/:id/participation` (moderator, admin): who has voted, never how. */
export interface VoteParticipationView {
  voteId: string;
  status: 'open' | 'closed';
  entitledCount: number;
  castCount: number;
  /** By constituency name, then full name. */
  entitled: {
    delegateId: string;
    fullName: string;
    constituency: { code: string; name: string };
    hasVoted: boolean;
  }[];
}

/** `vote.progress`: coalesced, a few per second at most. */
export interface VoteProgress {
  voteId: string;
  castCount: number;
  entitledCount: number;
}

/** `resolution.issued` */
export interface ResolutionIssued {
  resolutionId: string;
  number: string;
  motionId: string;
  voteId: string;
  title: string;
  digest: string;
}

export interface SessionSnapshot {
  /** The sequence of the last event already reflected in this snapshot. */
  sequence: number;
  session: SessionView;
  agenda: AgendaItemView[];
  attendance: {
    /** One per present seat: the titular, or their alternate standing in. */
    presentDelegateIds: string[];
    /**
     * Checked in but not counted: an alternate whose titular is present too (the seat counts once). The
     * roll call shows them ticked; kept apart so the board's payload does not carry every id twice.
     */
    uncountedDelegateIds: string[];
    quorum: QuorumView;
  };
  /** The current item's speakers list, in calling order (points of order first). */
  speakers: SpeakerView[];
  currentSpeech: SpeechView | null;
  /** The session's open vote, or else its latest closed one (null before the first vote). */
  vote: VoteView | null;
}

/** Each live event's `data`: the outbox writer accepts nothing else for a type. */
export interface LiveEventData {
  'session.opened': { status: SessionView['status']; quorum: QuorumView };
  'session.suspended': { status: SessionView['status']; quorum: QuorumView };
  'session.resumed': { status: SessionView['status']; quorum: QuorumView };
  'session.closed': { status: SessionView['status']; quorum: QuorumView };
  'agenda.changed': { agenda: AgendaItemView[] };
  'agenda.current_changed': { currentItemId: string | null; agenda: AgendaItemView[] };
  'attendance.changed': SessionSnapshot['attendance'];
  'speakers.changed': { itemId: string; speakers: SpeakerView[] };
  'speech.started': SpeechView;
  'speech.extended': SpeechView;
  'speech.ended': SpeechView;
  'vote.opened': VoteView;
  'vote.progress': VoteProgress;
  'vote.closed': VoteView;
  /** An election's round opens or closes: the election as GET /api/elections/:id serves it. */
  'election.opened': unknown;
  /** A secret round's participation count (never a partial tally). */
  'election.progress': {
    electionId: string;
    roundId: string;
    entitledCount: number;
    participationCount: number;
  };
  'election.closed': unknown;
  'resolution.issued': ResolutionIssued;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when a live event type has no data shape, or a shape no type. */
export const LIVE_EVENT_DATA_COVERS_EVERY_TYPE: Same<keyof LiveEventData, LiveEventType> = true;

/** An envelope whose data is tied to its type; `LiveEnvelope` is the loose form clients switch on. */
export type LiveEvent<K extends LiveEventType = LiveEventType> = {
  [T in K]: LiveEnvelope<LiveEventData[T]> & { type: T };
}[K];

export interface LiveAck<T = unknown> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

/**
 * Sent to an authenticated socket right before the server disconnects it: `TOKEN_EXPIRED` (shake hands
 * again with a renewed token), `ACCOUNT_CHANGED` (roles changed: reconnect at once), `SESSION_ENDED`
 * (logout, reset or deactivation: the person must sign in again).
 */
export interface AuthEnded {
  code: 'TOKEN_EXPIRED' | 'ACCOUNT_CHANGED' | 'SESSION_ENDED';
  message: string;
}

export interface ServerToClientEvents {
  'session.event': (event: LiveEnvelope) => void;
  'auth.ended': (ended: AuthEnded) => void;
}

export interface FloorRequest {
  sessionId: string;
  stance: 'pro' | 'contra' | 'point_of_order';
}

/** A ballot cast over the delegate's socket: the body of POST /api/votes/:id/ballots, with the vote's id. */
export interface BallotCastRequest {
  voteId: string;
  choice: 'yes' | 'no' | 'abstain';
  /** Chosen per intended ballot: a retry with the same key, over either transport, returns the first answer. */
  idempotencyKey?: string;
}

/** What casting answers, over HTTP or the socket: the receipt is the hash of the ballot's record event. */
export interface BallotReceipt {
  voteId: string;
  delegateId: string;
  revision: number;
  choice: 'yes' | 'no' | 'abstain';
  /** The hash of the ballot's public-record event: findable at /api/ledger once recorded. */
  receipt: string;
  sequence: number;
  castAt: string;
  /** True when this answer repeats an earlier one (same idempotency key, or the same choice again). */
  replayed: boolean;
}

export interface ClientToServerEvents {
  'session.join': (request: { sessionId: string }, ack: (answer: LiveAck<SessionSnapshot>) => void) => void;
  'session.leave': (request: { sessionId: string }, ack: (answer: LiveAck) => void) => void;
  /** Delegates only: ask for the floor on the current item. */
  'floor.request': (request: FloorRequest, ack: (answer: LiveAck<{ requestId: string }>) => void) => void;
  /** Delegates only: withdraw a waiting request. */
  'floor.withdraw': (request: { sessionId: string }, ack: (answer: LiveAck) => void) => void;
  /**
   * Delegates only: cast or change a ballot, with the same rules, idempotency and receipt as
   * POST /api/votes/:id/ballots; the account is re-read on every cast, and an expired token is refused.
   */
  'ballot.cast': (request: BallotCastRequest, ack: (answer: LiveAck<BallotReceipt>) => void) => void;
}
