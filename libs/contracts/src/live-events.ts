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

export interface SessionSnapshot {
  /** The sequence of the last event already reflected in this snapshot. */
  sequence: number;
  session: SessionView;
  agenda: AgendaItemView[];
  attendance: { presentDelegateIds: string[]; quorum: QuorumView };
  /** The current item's speakers list, in calling order (points of order first). */
  speakers: SpeakerView[];
  currentSpeech: SpeechView | null;
}

export interface LiveAck<T = unknown> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

export interface ServerToClientEvents {
  'session.event': (event: LiveEnvelope) => void;
}

export interface FloorRequest {
  sessionId: string;
  stance: 'pro' | 'contra' | 'point_of_order';
}

export interface ClientToServerEvents {
  'session.join': (request: { sessionId: string }, ack: (answer: LiveAck<SessionSnapshot>) => void) => void;
  'session.leave': (request: { sessionId: string }, ack: (answer: LiveAck) => void) => void;
  /** Delegates only: ask for the floor on the current item. */
  'floor.request': (request: FloorRequest, ack: (answer: LiveAck<{ requestId: string }>) => void) => void;
  /** Delegates only: withdraw a waiting request. */
  'floor.withdraw': (request: { sessionId: string }, ack: (answer: LiveAck) => void) => void;
}
