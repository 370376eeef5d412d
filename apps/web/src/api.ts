import i18n from './i18n';
import { secondFactorNotice } from './second-factor-notice';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Role = 'delegate' | 'moderator' | 'admin' | 'liaison';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  institutionId: string | null;
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

export type AuthStatus = 'restoring' | 'signedIn' | 'anonymous';

export interface AuthState {
  status: AuthStatus;
  user: SessionUser | null;
  /** Set while an action waits for the person to sign in again (their refresh token is gone). */
  signInRequired: boolean;
  /** Set when the server ended the session (a reset, a deactivation), until the next sign-in. */
  sessionEnded?: boolean;
}

/**
 * Where the tokens live (see README, "Sesiones en el navegador"): the refresh token only in an httpOnly,
 * SameSite=Strict cookie scoped to /api/auth, which page scripts cannot read; the access token only in
 * this module's memory. A hint in localStorage ("this browser had a session") spares anonymous readers —
 * thousands of phones on the board — a refresh request on every page load.
 */
const HINT_KEY = 'asamblea.signedIn';
const CHANNEL = 'asamblea-auth';
const LOCK = 'asamblea-refresh';

let accessToken: string | null = null;
let expiresAt = 0;
let ttlMs = 0;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | null = null;
/** Bumped whenever a token arrives (here or from another tab): a waiting renewal can see it was done. */
let generation = 0;
/** Bumped by every logout: a renewal that started before it must not sign the person back in. */
let epoch = 0;
/** Waiting for a token from another tab: called by the next adoption. */
let tokenWaiters: (() => void)[] = [];
/** No request waits for ever on a half-open connection (hall Wi-Fi): retries are safe (idempotency keys). */
const REQUEST_TIMEOUT_MS = 20_000;
let state: AuthState = {
  status: readHint() ? 'restoring' : 'anonymous',
  user: null,
  signInRequired: false,
};
const listeners = new Set<() => void>();
/** Actions waiting for a new sign-in, each with the account that started it. */
let signInWaiters: { userId: string | null; resolve: () => void; reject: (e: Error) => void }[] = [];
const hasLocks = typeof navigator !== 'undefined' && !!navigator.locks;
const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);

function readHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}
function writeHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    /* private mode: the session still lives for this page */
  }
}

function setState(next: Partial<AuthState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function adopt(answer: {
  accessToken: string;
  expiresAt: number;
  ttlMs: number;
  user: SessionUser;
  epoch?: number;
}): void {
  // A logout after this renewal started wins: its answer is not taken.
  if (answer.epoch !== undefined && answer.epoch !== epoch) return;
  // Another tab signed in: this tab's waiting actions go on only if it is the same person.
  const settled = signInWaiters.length > 0;
  if (settled) settleWaiters(answer.user.id);
  accessToken = answer.accessToken;
  expiresAt = answer.expiresAt;
  ttlMs = answer.ttlMs;
  generation += 1;
  for (const wake of tokenWaiters.splice(0)) wake();
  writeHint(true);
  setState({
    status: 'signedIn',
    user: answer.user,
    sessionEnded: false,
    ...(settled ? { signInRequired: false } : {}),
  });
  schedule();
}

function forget(): void {
  epoch += 1;
  accessToken = null;
  expiresAt = 0;
  clearTimeout(renewTimer);
  writeHint(false);
  settleWaiters(null);
  setState({ status: 'anonymous', user: null, signInRequired: false });
}

/**
 * Resumes the actions waiting for a sign-in that were started by `userId`; any other waiting action (its
 * account logged out, or another account signed in) fails with a message where it was.
 */
function settleWaiters(userId: string | null): void {
  const waiters = signInWaiters;
  signInWaiters = [];
  for (const waiter of waiters)
    if (userId !== null && waiter.userId === userId) waiter.resolve();
    else waiter.reject(new ApiError(401, 'SIGNED_IN_AS_OTHER', i18n.t('errors.otherAccount')));
}

/** Renew at three quarters of the token's life (30 s tokens: at 22 s), well before it expires. */
function schedule(): void {
  clearTimeout(renewTimer);
  const delay = Math.max(1_000, expiresAt - Date.now() - ttlMs / 4);
  renewTimer = setTimeout(() => void renew().catch(() => undefined), delay);
}

function fromAnswer(answer: TokenAnswer) {
  const life = answer.expiresIn * 1000;
  return { accessToken: answer.accessToken, expiresAt: Date.now() + life, ttlMs: life, user: answer.user };
}

channel?.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as
    | { kind: 'token'; accessToken: string; expiresAt: number; ttlMs: number; user: SessionUser }
    | { kind: 'logout' };
  if (data.kind === 'token') adopt(data);
  else forget();
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'accept-language': i18n.language,
    },
    body: JSON.stringify(body),
  });
}

/**
 * One renewal at a time, in this tab and across tabs (Web Locks): a tab that waited for another's
 * renewal takes the token that tab broadcast instead of spending the rotated cookie again.
 * Resolves false when the refresh token is gone (the person must sign in); rejects on network failure.
 */
export function renew(): Promise<boolean> {
  const seen = generation;
  const started = epoch;
  const run = async (waited: boolean): Promise<boolean> => {
    if (started !== epoch) return false;
    // The lock and the holder's broadcast travel separately: the lock can come first (seen in CI,
    // a third renewal), so a tab that waited gives the token a moment to arrive before spending the cookie.
    if (waited && generation === seen) await tokenFromAnotherTab(500);
    if (generation !== seen && accessToken && expiresAt - Date.now() > ttlMs / 2) return true;
    const response = await post('/api/auth/refresh', {});
    if (response.status === 401 || response.status === 400) {
      // Without Web Locks (a page served over plain http on a LAN address) two tabs may spend the same
      // cookie at once; the server answers both within its retry grace, but after a logout in the other
      // tab, or a sign-in there, that tab's broadcast may still bring a token: wait for it.
      if (!hasLocks) await new Promise((resolve) => setTimeout(resolve, 500));
      return generation !== seen && !!accessToken;
    }
    if (!response.ok) throw new ApiError(response.status, 'HTTP_ERROR', i18n.t('errors.generic'));
    const fresh = fromAnswer((await response.json()) as TokenAnswer);
    if (started !== epoch) return false;
    adopt(fresh);
    channel?.postMessage({ kind: 'token', ...fresh });
    return true;
  };
  const locked = async (): Promise<boolean> => {
    const first = await navigator.locks.request(LOCK, { ifAvailable: true }, (lock) =>
      lock ? run(false) : null,
    );
    return first ?? navigator.locks.request(LOCK, () => run(true));
  };
  renewing ??= (hasLocks ? locked() : run(false)).finally(() => {
    renewing = null;
  });
  return renewing;
}

function tokenFromAnotherTab(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      tokenWaiters = tokenWaiters.filter((other) => other !== wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    tokenWaiters.push(wake);
  });
}

export const auth = {
  state: (): AuthState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  user: (): SessionUser | null => state.user,
  has: (role: Role): boolean => !!state.user?.roles.includes(role),
  /** A token for the socket handshake; fresh enough for the next few seconds. */
  async token(): Promise<string | null> {
    if (!accessToken) return null;
    if (expiresAt - Date.now() < 5_000) await renew().catch(() => false);
    // An expired token would only get the handshake refused: listen without one instead.
    return accessToken && expiresAt > Date.now() ? accessToken : null;
  },
  /** On page load: a browser that had a session gets its access token back from the cookie. */
  async restore(): Promise<void> {
    if (state.status !== 'restoring') return;
    try {
      if (!(await renew())) forget();
    } catch {
      // Offline at load: signed out for now; the cookie is kept, and tried again once back online.
      setState({ status: 'anonymous' });
      window.addEventListener(
        'online',
        () => {
          if (state.status !== 'anonymous' || !readHint()) return;
          setState({ status: 'restoring' });
          void auth.restore();
        },
        { once: true },
      );
    }
  },
  /** `code`: the second factor, once the API answered SECOND_FACTOR_REQUIRED to the password alone. */
  async login(email: string, password: string, code?: string): Promise<SessionUser> {
    const body = { email, password, refreshCookie: true, ...(code ? { code } : {}) };
    const response = await post('/api/auth/login', body).catch(() => {
      throw networkError();
    });
    const json = (await response.json().catch(() => null)) as
      (TokenAnswer & { code?: string; message?: string }) | null;
    if (!response.ok || !json) throw toError(response.status, json);
    const fresh = fromAnswer(json);
    // The interrupted actions go on only if the person who started them signed back in.
    adopt(fresh);
    setState({ signInRequired: false });
    channel?.postMessage({ kind: 'token', ...fresh });
    return fresh.user;
  },
  async logout(): Promise<void> {
    forget();
    channel?.postMessage({ kind: 'logout' });
    // After any renewal in flight, so the cookie it may rotate is the one revoked.
    await renewing?.catch(() => undefined);
    await post('/api/auth/logout', {}).catch(() => undefined);
  },
  /**
   * The server ended this session (told over the live socket: a password reset, a deactivation, a
   * logout elsewhere). Unless a renewal proves it still lives, the person is signed out here and in
   * the other tabs, and told why. Resolves whether they are still signed in.
   */
  async sessionEnded(): Promise<boolean> {
    if (!accessToken) return false;
    if (await renew().catch(() => false)) return true;
    forget();
    channel?.postMessage({ kind: 'logout' });
    setState({ sessionEnded: true });
    return false;
  },
  /** The inline sign-in was dismissed: the waiting actions fail with a message where they were. */
  cancelSignIn(): void {
    const waiters = signInWaiters;
    signInWaiters = [];
    setState({ signInRequired: false });
    for (const waiter of waiters)
      waiter.reject(new ApiError(401, 'SIGN_IN_CANCELLED', i18n.t('errors.signInCancelled')));
  },
};

/** Waits until the person signs in again through the inline sign-in. */
function signInAgain(): Promise<void> {
  return new Promise((resolve, reject) => {
    signInWaiters.push({ userId: state.user?.id ?? null, resolve, reject });
    setState({ signInRequired: true });
  });
}

function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', i18n.t('errors.network'));
}

function toError(status: number, json: unknown): ApiError {
  const error = (json ?? {}) as { code?: string; message?: string };
  if (error.code === 'SECOND_FACTOR_SETUP_REQUIRED') secondFactorNotice.set(error.message ?? null);
  return new ApiError(status, error.code ?? 'HTTP_ERROR', error.message ?? i18n.t('errors.generic'));
}

/** A valid access token for a signed-in person, renewing it or asking them to sign in again first. */
async function freshToken(): Promise<string | null> {
  if (!accessToken) return null;
  if (expiresAt - Date.now() > 5_000) return accessToken;
  const renewed = await renew().catch(() => {
    throw networkError();
  });
  if (!renewed) await signInAgain();
  return accessToken;
}

/**
 * JSON over HTTP in the reader's language; errors carry the API's stable code and its message. A
 * signed-in person's request never fails for an expired token: it is renewed first, and a 401 is
 * retried once after renewal (or after the inline sign-in when the refresh token is gone).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const send = async (token: string | null): Promise<Response> => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': i18n.language,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(path, {
        method,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw networkError();
    }
  };
  const signedIn = state.status === 'signedIn' || state.status === 'restoring';
  if (state.status === 'restoring') await auth.restore();
  let response = await send(signedIn ? await freshToken() : null);
  if (response.status === 401 && signedIn && state.user) {
    const renewed = await renew().catch(() => {
      throw networkError();
    });
    if (!renewed) await signInAgain();
    response = await send(accessToken);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null; // a proxy's HTML error page: the status still tells what happened
  }
  if (!response.ok) throw toError(response.status, json);
  return json as T;
}
