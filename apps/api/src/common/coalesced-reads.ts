interface Waiting<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads that arrive while one is in flight wait and go together in the next one — never in one that
 * started before they were asked for, so every answer is at least as fresh as its request. Under a burst
 * one round trip serves hundreds of callers; alone, a caller waits for nothing.
 */
export class CoalescedReads<K, V> {
  private waiting = new Map<K, Waiting<V>[]>();
  private running: Promise<void> | null = null;

  /** `load` answers every key it is given; a key it leaves out gets `missing`. A throw fails them all. */
  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
  ) {}

  read(key: K): Promise<V> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.waiting.size === 0) return;
    const batch = this.waiting;
    this.waiting = new Map();
    this.running = this.answer(batch).finally(() => {
      this.running = null;
      this.next();
    });
  }

  private async answer(batch: Map<K, Waiting<V>[]>): Promise<void> {
    let values: Map<K, V>;
    try {
      values = await this.load([...batch.keys()]);
    } catch (error) {
      for (const list of batch.values()) for (const w of list) w.reject(error);
      return;
    }
    for (const [key, list] of batch) {
      const value = values.has(key) ? values.get(key)! : this.missing;
      for (const w of list) w.resolve(value);
    }
  }
}
