import { useSyncExternalStore } from 'react';

/**
 * The page's side of the service worker (sw.ts): registers it (built pages only) and follows what it says
 * about the public reads it answered. `asamblea:stale` (a read answered from its last copy: no connection,
 * or too slow) shows the offline notice with the time of that copy; the page recovers by itself — on the
 * `online` event, on a successful probe every PROBE_MS, or when a later read comes from the network — by
 * showing its page again (`refresh`: the layout remounts it, so it reads afresh).
 */
export interface OfflineState {
  /** A read on this page came from its copy; when the copy was made (ms), if known. */
  stale: boolean;
  storedAt: number | null;
  /** Bumped to show the page again once the connection is back. */
  refresh: number;
}

const PROBE_MS = 10_000;
let state: OfflineState = { stale: false, storedAt: null, refresh: 0 };
let lastRemount = 0;
/**
 * Remounts after which the page was shown from its copies again (the connection back only in part, or
 * too slow): each one doubles the wait before the next, so a slow connection is not asked for everything
 * again and again.
 */
let relapses = 0;
let probe: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function set(next: Partial<OfflineState>): void {
  state = { ...state, ...next };
  if (state.stale && !probe) probe = setInterval(() => void tryAgain(), PROBE_MS);
  if (!state.stale && probe) {
    clearInterval(probe);
    probe = undefined;
  }
  for (const listener of listeners) listener();
}

/** Shows the page again, read afresh (the connection looks back). */
function recover(force = false): void {
  if (!state.stale) return;
  const now = Date.now();
  if (!force && lastRemount && now - lastRemount < Math.min(120_000, 5_000 * 2 ** relapses)) return;
  lastRemount = now;
  set({ stale: false, storedAt: null, refresh: state.refresh + 1 });
}

/** A tiny request the worker leaves to the network: does the server answer again? */
export async function tryAgain(force = false): Promise<void> {
  try {
    const response = await fetch('/sw.js', { method: 'HEAD', cache: 'no-store' });
    if (response.ok) recover(force);
  } catch {
    /* still offline */
  }
}

function onMessage(event: MessageEvent): void {
  const data = event.data as { type?: string; storedAt?: number | null } | null;
  if (data?.type === 'asamblea:stale') {
    const storedAt = data.storedAt ?? null;
    const oldest =
      state.stale && state.storedAt !== null && storedAt !== null
        ? Math.min(state.storedAt, storedAt)
        : storedAt;
    if (!state.stale && lastRemount && Date.now() - lastRemount < 30_000) relapses += 1;
    set({ stale: true, storedAt: oldest });
  } else if (data?.type === 'asamblea:fresh') {
    if (!state.stale) relapses = 0;
    recover();
  }
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', onMessage);
  navigator.serviceWorker.startMessages();
  window.addEventListener('online', () => recover());
  const register = () =>
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined /* the pages work without it */);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const useOffline = (): OfflineState => useSyncExternalStore(subscribe, () => state);
