/**
 * The API refused an action because the reglamento requires a second factor of the person's role
 * (403 SECOND_FACTOR_SETUP_REQUIRED). Every page shows one notice with the way to turn it on, however
 * the console displays its own errors; it goes away once the second factor is on.
 */
let message: string | null = null;
const listeners = new Set<() => void>();

export const secondFactorNotice = {
  get: (): string | null => message,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(next: string | null): void {
    if (next === message) return;
    message = next;
    for (const listener of listeners) listener();
  },
};
