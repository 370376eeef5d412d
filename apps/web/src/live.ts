import type {
  AgendaItemView,
  BallotCastRequest,
  BallotReceipt,
  ClientToServerEvents,
  LiveEnvelope,
  ResolutionIssued,
  ServerToClientEvents,
  SessionSnapshot,
  SpeakerView,
  SpeechView,
  VoteProgress,
  VoteView,
} from '#contracts';
import { LIVE_NAMESPACE } from '#contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { io, type Socket } from 'socket.io-client';
import { api, ApiError, auth, renew } from './api';
import i18n from './i18n';
import { isLight, LIGHT_PROGRESS_MS } from './light';
import { useAuth } from './components/auth';

export interface LiveState {
  snapshot: SessionSnapshot | null;
  connected: boolean;
  lastResolution: ResolutionIssued | null;
  /** The last event applied (or null after a fresh snapshot): consoles refetch what it changed. */
  lastEvent: LiveEnvelope | null;
  /** The join was refused (an unknown session: `SESSION_NOT_FOUND`), with the message to show. */
  error: { code: string; message: string } | null;
  /** How many fresh snapshots were taken: a page reloads what a snapshot may have changed. */
  snapshots: number;
}

const EMPTY: LiveState = {
  snapshot: null,
  connected: false,
  lastResolution: null,
  lastEvent: null,
  error: null,
  snapshots: 0,
};

// A socket that has not answered by then is taken for lost; the ballot goes over HTTP with the same key.
const SOCKET_ACK_MS = 5_000;
// Refusals that are about the socket's handshake, not the ballot: HTTP, with a token renewed now, decides.
const HANDSHAKE_REFUSALS = new Set(['TOKEN_INVALID', 'LISTEN_ONLY', 'UNKNOWN_EVENT']);

/**
 * Casts over the session's socket when it is connected (no request to parse and authenticate per
 * ballot: measured, several times the ballots per second of HTTP), otherwise, or when the socket does
 * not answer, over HTTP. The idempotency key makes the fallback safe: a ballot the socket did record
 * comes back from HTTP as the same receipt, never as a second ballot.
 */
async function castOver(
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | null,
  request: BallotCastRequest,
): Promise<BallotReceipt> {
  const { voteId, ...body } = request;
  if (socket?.connected) {
    try {
      const answer = await socket.timeout(SOCKET_ACK_MS).emitWithAck('ballot.cast', request);
      if (answer.ok && answer.data) return answer.data;
      if (answer.error && !HANDSHAKE_REFUSALS.has(answer.error.code))
        throw new ApiError(400, answer.error.code, answer.error.message);
      // The handshake's token has expired (access tokens are short-lived, sockets are not): this ballot
      // goes over HTTP, and the socket shakes hands again with a token renewed now for the next ones.
      if (answer.error?.code === 'TOKEN_INVALID') socket.disconnect().connect();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // No ack in time (the connection dropped mid-way): HTTP with the same key.
    }
  }
  return api<BallotReceipt>('POST', `/api/votes/${voteId}/ballots`, body);
}

/** Applies one event to the board; anything it cannot apply in place asks for a fresh snapshot (null). */
function apply(snapshot: SessionSnapshot, event: LiveEnvelope): SessionSnapshot | null {
  const next = { ...snapshot, sequence: event.sequence };
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'session.opened':
    case 'session.closed':
      // Once per session: a fresh snapshot brings the opening or closing time the event does not carry.
      return null;
    case 'session.suspended':
    case 'session.resumed':
      return {
        ...next,
        session: { ...snapshot.session, status: data.status as SessionSnapshot['session']['status'] },
        attendance: {
          ...snapshot.attendance,
          quorum: data.quorum as SessionSnapshot['attendance']['quorum'],
        },
      };
    case 'attendance.changed':
      return { ...next, attendance: data as unknown as SessionSnapshot['attendance'] };
    case 'agenda.changed':
      return { ...next, agenda: data.agenda as AgendaItemView[] };
    case 'agenda.current_changed': {
      const currentItemId = data.currentItemId as string | null;
      const changed = currentItemId !== snapshot.session.currentItemId;
      // The speakers list belongs to the current item: another item may have requests of its own
      // (one deferred and taken up again), which only a fresh snapshot knows.
      if (changed && currentItemId !== null) return null;
      return {
        ...next,
        agenda: data.agenda as AgendaItemView[],
        session: { ...snapshot.session, currentItemId },
        speakers: changed ? [] : snapshot.speakers,
      };
    }
    case 'speakers.changed':
      return { ...next, speakers: (data.speakers as SpeakerView[]) ?? [] };
    case 'speech.started':
    case 'speech.extended':
      return { ...next, currentSpeech: (data.speech as SpeechView) ?? (data as unknown as SpeechView) };
    case 'speech.ended':
      return { ...next, currentSpeech: null };
    case 'vote.opened':
    case 'vote.closed':
      return { ...next, vote: data as unknown as VoteView };
    case 'vote.progress': {
      const progress = data as unknown as VoteProgress;
      if (!snapshot.vote || snapshot.vote.id !== progress.voteId) return next;
      return { ...next, vote: { ...snapshot.vote, castCount: progress.castCount } };
    }
    // Elections are not in the session's snapshot: the panels that show them read the event (lastEvent)
    // and the election itself. A ballot's progress must not make every phone fetch a new snapshot.
    case 'resolution.issued':
    case 'election.opened':
    case 'election.progress':
    case 'election.closed':
      return next;
    default:
      return null;
  }
}

/**
 * Follows a session live: a snapshot on join, then every event in order. A gap in the sequence, an
 * event it cannot apply, or a reconnection after a dropped connection means a fresh snapshot.
 * socket.io falls back to long-polling where websockets do not get through.
 *
 * Events that arrive while a join is being answered are kept and replayed on top of the snapshot (the
 * server puts the socket in the room before it reads); an answer older than what is shown is ignored.
 * Each event is committed on its own render (`flushSync`), so a console reacting to `lastEvent` sees
 * every one even when long-polling delivers several at once.
 */
export function useLiveSession(
  sessionId: string | undefined,
): LiveState & { castBallot: (request: BallotCastRequest) => Promise<BallotReceipt> } {
  const [state, setState] = useState<LiveState & { sessionId?: string }>(EMPTY);
  const { user } = useAuth();
  const userId = user?.id;
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);
  const castBallot = useCallback((request: BallotCastRequest) => castOver(socketRef.current, request), []);
  useEffect(() => {
    setState({ ...EMPTY, sessionId });
    if (!sessionId) return;
    // Every (re)connection authenticates with a token fresh at that moment, not the one of page load.
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(LIVE_NAMESPACE, {
      auth: (give) => {
        void auth
          .token()
          .then((token) => give(token ? { token, language: i18n.language } : { language: i18n.language }));
      },
      reconnectionDelayMax: 10_000,
    });
    socketRef.current = socket;
    let current: SessionSnapshot | null = null;
    let joining = false;
    let waiting: LiveEnvelope[] = [];
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let snapshots = 0;
    let progressTimer: ReturnType<typeof setTimeout> | undefined;
    const later = (work: () => void) => {
      clearTimeout(retry);
      attempts += 1;
      retry = setTimeout(work, Math.min(30_000, 1_000 * 2 ** attempts) * (0.5 + Math.random() / 2));
    };
    const show = (next: Partial<LiveState>) => setState((s) => ({ ...s, ...next }));
    const take = (event: LiveEnvelope): boolean => {
      if (!current || event.sessionId !== sessionId || event.sequence <= current.sequence) return true;
      const applied = event.sequence === current.sequence + 1 ? apply(current, event) : null;
      if (!applied) return false;
      current = applied;
      // Light mode (a slow phone): a vote's progress is shown at most every few seconds, not on every ballot.
      if (event.type === 'vote.progress' && isLight()) {
        progressTimer ??= setTimeout(() => {
          progressTimer = undefined;
          if (current) show({ snapshot: current });
        }, LIGHT_PROGRESS_MS);
        return true;
      }
      const resolution = event.type === 'resolution.issued' ? (event.data as ResolutionIssued) : null;
      flushSync(() =>
        setState((s) => ({
          ...s,
          snapshot: applied,
          lastEvent: event,
          lastResolution: resolution ?? s.lastResolution,
        })),
      );
      return true;
    };
    const join = () => {
      if (joining) return;
      joining = true;
      socket.emit('session.join', { sessionId }, (answer) => {
        joining = false;
        const buffered = waiting;
        waiting = [];
        if (!answer.ok || !answer.data) {
          const error = answer.error ?? { code: 'HTTP_ERROR', message: i18n.t('errors.generic') };
          show({ connected: true, error });
          // An unknown session stays unknown; anything else (a database blip) is tried again.
          if (error.code !== 'SESSION_NOT_FOUND') later(join);
          return;
        }
        attempts = 0;
        if (!current || answer.data.sequence >= current.sequence) {
          current = answer.data;
          show({ snapshot: current, connected: true, lastEvent: null, error: null, snapshots: ++snapshots });
        }
        for (const event of buffered.sort((a, b) => a.sequence - b.sequence)) if (!take(event)) return join();
      });
    };
    socket.on('connect', join);
    // A refused handshake (an expired token, the database down for a moment) is not retried by
    // socket.io itself: try again, with a token renewed meanwhile or none (listening needs none).
    socket.on('connect_error', () => {
      if (!socket.active) later(() => socket.connect());
    });
    // Told before the server disconnects an authenticated socket: a token that expired or roles that
    // changed shake hands again at once (with a token renewed meanwhile); an ended session signs out.
    let ended: string | null = null;
    socket.on('auth.ended', ({ code }) => (ended = code));
    socket.on('disconnect', (reason) => {
      show({ connected: false });
      const code = ended;
      ended = null;
      if (reason !== 'io server disconnect' || !code) return;
      const again = () => {
        if (socketRef.current === socket) socket.connect();
      };
      if (code === 'TOKEN_EXPIRED') again();
      // New roles: the token is renewed first, so the page shows what the account may do now.
      else if (code === 'ACCOUNT_CHANGED')
        void renew()
          .catch(() => false)
          .finally(again);
      // Signed out, the effect runs again with a listening socket; still signed in, this one reconnects.
      else void auth.sessionEnded().then((signedIn) => signedIn && again());
    });
    socket.on('session.event', (event) => {
      if (joining) {
        waiting.push(event);
        return;
      }
      if (!take(event)) join();
    });
    return () => {
      clearTimeout(retry);
      clearTimeout(progressTimer);
      if (socketRef.current === socket) socketRef.current = null;
      socket.disconnect();
    };
  }, [sessionId, userId]);
  // Until the effect has switched, the previous session's state is not this one's.
  return { ...(state.sessionId === sessionId ? state : EMPTY), castBallot };
}
