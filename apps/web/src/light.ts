import { useSyncExternalStore } from 'react';

/**
 * Light mode, for the slowest phones (remembered on this device): no charts or pictures (styles.css hides
 * them under `html[data-light]`: progress bars, `.chart`, `figure`, pictures in the page) and fewer live
 * updates (live.ts shows a vote's progress at most every LIGHT_PROGRESS_MS instead of on every ballot).
 */
const KEY = 'asamblea.light';
export const LIGHT_PROGRESS_MS = 10_000;
const listeners = new Set<() => void>();
let on = read();
apply();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}
function apply(): void {
  if (typeof document === 'undefined') return;
  if (on) document.documentElement.dataset.light = '';
  else delete document.documentElement.dataset.light;
}

export const isLight = (): boolean => on;

export function setLight(next: boolean): void {
  on = next;
  try {
    if (next) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: for this page only */
  }
  apply();
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const useLight = (): boolean => useSyncExternalStore(subscribe, isLight);
