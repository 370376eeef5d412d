import { SessionStates } from './session-states.js';

function states(maxEntries = 100, liveTtlMs = 60_000) {
  let now = 1_000_000;
  const cache = new SessionStates({ maxEntries, liveTtlMs, now: () => now });
  cache.reset(true);
  return { cache, advance: (ms: number) => (now += ms) };
}
const live = (userId: string) => ({ live: true, userId });

describe('session states', () => {
  it('serves a live answer until its safety TTL, then asks for a read', () => {
    const { cache, advance } = states(100, 1000);
    cache.keep('s1', live('u1'), cache.version);
    expect(cache.get('s1')).toMatchObject({ live: true, userId: 'u1' });
    advance(1001);
    expect(cache.get('s1')).toBeUndefined();
  });

  it('serves an ended answer for ever, and no read replaces it', () => {
    const { cache, advance } = states(100, 1000);
    const version = cache.version;
    cache.keep('s1', live('u1'), version);
    cache.ended('s1');
    advance(10_000);
    expect(cache.get('s1')).toMatchObject({ live: false, userId: 'u1' });
    cache.keep('s1', live('u1'), cache.version);
    expect(cache.get('s1')?.live).toBe(false);
  });

  it('does not keep a read that was in flight when something was invalidated', () => {
    const { cache } = states();
    const before = cache.version;
    cache.forgetAccount('u9');
    cache.keep('s1', live('u1'), before);
    expect(cache.get('s1')).toBeUndefined();
    const reset = cache.version;
    cache.reset(true);
    cache.keep('s2', live('u1'), reset);
    expect(cache.get('s2')).toBeUndefined();
  });

  it('forgets only the live sessions of a deactivated account', () => {
    const { cache } = states();
    cache.keep('a1', live('a'), cache.version);
    cache.keep('a2', live('a'), cache.version);
    cache.keep('b1', live('b'), cache.version);
    cache.ended('a3');
    cache.forgetAccount('a');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('b1')?.live).toBe(true);
    expect(cache.get('a3')?.live).toBe(false);
  });

  it('serves no live answer while notifications are not received, and drops everything on reconnect', () => {
    const { cache } = states();
    cache.keep('s1', live('u1'), cache.version);
    cache.ended('s2');
    cache.reset(false);
    expect(cache.trusted).toBe(false);
    expect(cache.size).toBe(0);
    cache.keep('s1', live('u1'), cache.version);
    expect(cache.get('s1')).toBeUndefined();
    // An ended session is known even then: it cannot come back.
    cache.ended('s2');
    expect(cache.get('s2')?.live).toBe(false);
    cache.reset(true);
    expect(cache.get('s2')).toBeUndefined();
    cache.keep('s1', live('u1'), cache.version);
    expect(cache.get('s1')?.live).toBe(true);
  });

  it('stays within its size, dropping the oldest first', () => {
    const { cache } = states(3);
    for (const sid of ['s1', 's2', 's3', 's4']) cache.keep(sid, live('u'), cache.version);
    expect(cache.size).toBe(3);
    expect(cache.get('s1')).toBeUndefined();
    expect(cache.get('s4')?.live).toBe(true);
    cache.ended('s5');
    expect(cache.size).toBe(3);
    expect(cache.get('s2')).toBeUndefined();
  });
});
