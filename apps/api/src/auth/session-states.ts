export interface SessionState {
  live: boolean;
  /** The session's account (null: no such session). */
  userId: string | null;
}

interface Entry extends SessionState {
  at: number;
}

export interface SessionStatesOptions {
  maxEntries: number;
  /** How long a live answer is served without reading again, even if no notification came. */
  liveTtlMs: number;
  now?: () => number;
}

/**
 * What this process knows of the sessions it has seen. An ended session never comes back, so an
 * `ended` answer is always served; a `live` one only while the change notifications are being
 * received (`trusted`), and for at most `liveTtlMs`. A read that was in flight while something was
 * invalidated is not kept (it may predate the change); it never replaces an `ended` answer.
 */
export class SessionStates {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listening = false;
  private readonly now: () => number;

  constructor(private readonly options: SessionStatesOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Taken before a read, handed back to `keep`. */
  get version(): number {
    return this.generation;
  }

  get trusted(): boolean {
    return this.listening;
  }

  /** The known state, or undefined when it must be read. */
  get(sid: string): SessionState | undefined {
    const entry = this.entries.get(sid);
    if (!entry) return undefined;
    if (!entry.live) return entry;
    if (!this.listening || this.now() - entry.at > this.options.liveTtlMs) {
      this.entries.delete(sid);
      return undefined;
    }
    return entry;
  }

  /** The answer of a read begun at `version`. */
  keep(sid: string, state: SessionState, version: number): void {
    if (version !== this.generation) return;
    if (state.live && !this.listening) return;
    if (this.entries.get(sid)?.live === false) return;
    this.put(sid, state);
  }

  ended(sid: string): void {
    this.generation += 1;
    this.put(sid, { live: false, userId: this.entries.get(sid)?.userId ?? null });
  }

  /** The account changed (deactivated): its live sessions are read again. */
  forgetAccount(userId: string): void {
    this.generation += 1;
    for (const [sid, entry] of this.entries)
      if (entry.live && entry.userId === userId) this.entries.delete(sid);
  }

  /** Notifications are being received again (from now on) or no longer: what was known is dropped. */
  reset(trusted: boolean): void {
    this.generation += 1;
    this.entries.clear();
    this.listening = trusted;
  }

  private put(sid: string, state: SessionState): void {
    this.entries.delete(sid);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sid, { ...state, at: this.now() });
  }
}
