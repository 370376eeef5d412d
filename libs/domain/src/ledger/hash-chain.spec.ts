import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import {
  GENESIS_HASH,
  eventHash,
  payloadHash,
  sealEvent,
  sha256Hex,
  verifyChain,
  type LedgerEvent,
  type LedgerEventContent,
} from './hash-chain.js';

function sha256(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

function content(sequence: number, overrides: Partial<LedgerEventContent> = {}): LedgerEventContent {
  return {
    sequence,
    type: sequence === 1 ? 'motion.filed' : 'ballot.cast',
    subject: `vote:${sequence}`,
    actor: sequence % 2 === 0 ? null : `delegate:${sequence}`,
    occurredAt: new Date(Date.UTC(2026, 2, 1, 15, 0, sequence, 123)).toISOString(),
    payload: { n: sequence, choice: sequence % 3 === 0 ? 'no' : 'yes', note: 'Educación en Jaén' },
    ...overrides,
  };
}

/** A chain of `count` sealed events starting at sequence `start` after `previousHash`. */
function chain(count: number, start = 1, previousHash = GENESIS_HASH): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  let previous = previousHash;
  for (let sequence = start; sequence < start + count; sequence += 1) {
    const event = sealEvent(content(sequence), previous);
    events.push(event);
    previous = event.hash;
  }
  return events;
}

describe('GENESIS_HASH and sha256Hex', () => {
  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('sha256Hex is lowercase hex SHA-256 of the UTF-8 bytes', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('ñ')).toBe(sha256('ñ'));
  });
});

describe('sealEvent', () => {
  const base = content(1);
  const sealed = sealEvent(base, GENESIS_HASH);

  it('keeps the content and adds payloadHash = sha256(canonical payload), previousHash and hash', () => {
    expect(sealed).toMatchObject(base);
    expect(sealed.payloadHash).toBe(sha256(canonicalJson(base.payload)));
    expect(sealed.payloadHash).toBe(payloadHash(base.payload));
    expect(sealed.previousHash).toBe(GENESIS_HASH);
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.hash).toBe(eventHash(sealed));
  });

  it('hashes the canonical JSON of the seven header fields (the documented recipe)', () => {
    expect(sealed.hash).toBe(
      sha256(
        canonicalJson({
          actor: sealed.actor,
          occurredAt: sealed.occurredAt,
          payloadHash: sealed.payloadHash,
          previousHash: sealed.previousHash,
          sequence: sealed.sequence,
          subject: sealed.subject,
          type: sealed.type,
        }),
      ),
    );
  });

  it('does not depend on the key order of the payload', () => {
    const one = sealEvent(content(1, { payload: { a: 1, b: { c: 2, d: 3 } } }), GENESIS_HASH);
    const two = sealEvent(content(1, { payload: { b: { d: 3, c: 2 }, a: 1 } }), GENESIS_HASH);
    expect(two.payloadHash).toBe(one.payloadHash);
    expect(two.hash).toBe(one.hash);
  });

  it('is deterministic', () => {
    expect(sealEvent(content(1), GENESIS_HASH)).toEqual(sealed);
  });

  it.each([
    ['type', { type: 'motion.admitted' }],
    ['subject', { subject: 'motion:MOC-2026-0008' }],
    ['actor (other delegate)', { actor: 'delegate:2' }],
    ['actor (null)', { actor: null }],
    ['occurredAt (one millisecond)', { occurredAt: '2026-03-01T15:00:01.124Z' }],
    ['sequence', { sequence: 2 }],
    ['payload', { payload: { n: 1, choice: 'no', note: 'Educación en Jaén' } }],
    ['payload (accent)', { payload: { n: 1, choice: 'yes', note: 'Educacion en Jaén' } }],
  ] as Array<[string, Partial<LedgerEventContent>]>)('changes the hash when %s changes', (_field, change) => {
    const other = sealEvent({ ...base, ...change }, GENESIS_HASH);
    expect(other.hash).not.toBe(sealed.hash);
  });

  it('changes the payloadHash only when the payload changes', () => {
    expect(sealEvent({ ...base, type: 'x', subject: 'y', actor: 'z' }, GENESIS_HASH).payloadHash).toBe(
      sealed.payloadHash,
    );
    expect(sealEvent({ ...base, payload: { n: 2 } }, GENESIS_HASH).payloadHash).not.toBe(sealed.payloadHash);
  });

  it('changes the hash when previousHash changes', () => {
    expect(sealEvent(base, 'f'.repeat(64)).hash).not.toBe(sealed.hash);
  });

  it('refuses a payload that has no canonical form', () => {
    expect(() => sealEvent(content(1, { payload: { at: new Date(0) } }), GENESIS_HASH)).toThrow(TypeError);
  });

  it('known-answer vector', () => {
    // Pins the documented hash recipe (DESIGN.md "The public record"; hash-chain.ts):
    //   payloadHash = hex(SHA-256(UTF-8(canonicalJson(payload))))
    //   hash = hex(SHA-256(UTF-8(canonicalJson({ actor, occurredAt, payloadHash, previousHash,
    //                                           sequence, subject, type }))))
    // so a verifier written in another language can reproduce it byte for byte. Computed once with this
    // implementation and cross-checked with `printf '%s' '<canonical text>' | sha256sum`. If this test
    // fails, every published ledger stops verifying: do not update the constants lightly.
    const event = sealEvent(
      {
        sequence: 1,
        type: 'motion.filed',
        subject: 'motion:MOC-2026-0007',
        actor: 'delegate:42',
        occurredAt: '2026-03-01T15:04:05.123Z',
        payload: { number: 'MOC-2026-0007', title: 'Agua potable en Jaén', objectives: ['SOC-SALUD-O4'] },
      },
      GENESIS_HASH,
    );
    expect(canonicalJson(event.payload)).toBe(
      '{"number":"MOC-2026-0007","objectives":["SOC-SALUD-O4"],"title":"Agua potable en Jaén"}',
    );
    expect(event.payloadHash).toBe('b5d8cebae0b203634b4496f876a19b663f8177a2720cfc0c27301fd8fff6be00');
    expect(event.hash).toBe('5eb95c76a4295864cfec1fd58b5bf2df3d8df408b53ec9d4718a8bc701229d3c');
  });
});

describe('verifyChain', () => {
  const events = chain(5);

  it('links each event to the previous one', () => {
    expect(events[0]!.previousHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.previousHash).toBe(events[i - 1]!.hash);
  });

  it('verifies an intact chain of 5 events', () => {
    expect(verifyChain(events)).toEqual({ ok: true, checked: 5, lastSequence: 5, lastHash: events[4]!.hash });
  });

  it('accepts any iterable (a generator, as a paged download would give)', () => {
    function* stream(): Generator<LedgerEvent> {
      yield* events;
    }
    expect(verifyChain(stream())).toEqual({
      ok: true,
      checked: 5,
      lastSequence: 5,
      lastHash: events[4]!.hash,
    });
  });

  it('verifies an empty list from genesis', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, lastSequence: null, lastHash: GENESIS_HASH });
  });

  it('verifies from a checkpoint (event 2) over events 3..5', () => {
    const checkpoint = { sequence: 2, hash: events[1]!.hash };
    expect(verifyChain(events.slice(2), checkpoint)).toEqual({
      ok: true,
      checked: 3,
      lastSequence: 5,
      lastHash: events[4]!.hash,
    });
  });

  it('an empty page after a checkpoint returns the checkpoint', () => {
    expect(verifyChain([], { sequence: 2, hash: events[1]!.hash })).toEqual({
      ok: true,
      checked: 0,
      lastSequence: 2,
      lastHash: events[1]!.hash,
    });
  });

  it('refuses a page that does not follow the checkpoint hash', () => {
    const verdict = verifyChain(events.slice(2), { sequence: 2, hash: events[0]!.hash });
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toEqual({ sequence: 3, problem: 'previous_hash_mismatch' });
  });

  it('refuses a page that does not start right after the checkpoint', () => {
    const verdict = verifyChain(events.slice(3), { sequence: 2, hash: events[1]!.hash });
    expect(verdict.firstBroken).toEqual({ sequence: 4, problem: 'sequence_gap' });
  });

  it('names an altered payload (payload_hash_mismatch) and reports the last good event', () => {
    const tampered = events.map((event) =>
      event.sequence === 3
        ? { ...event, payload: { ...(event.payload as object), choice: 'abstain' } }
        : event,
    );
    expect(verifyChain(tampered)).toEqual({
      ok: false,
      checked: 2,
      lastSequence: 2,
      lastHash: events[1]!.hash,
      firstBroken: { sequence: 3, problem: 'payload_hash_mismatch' },
    });
  });

  it('names an altered payload whose payloadHash was recomputed but not its hash (hash_mismatch)', () => {
    const tampered = events.map((event) => {
      if (event.sequence !== 3) return event;
      const payload = { ...(event.payload as object), choice: 'abstain' };
      return { ...event, payload, payloadHash: payloadHash(payload) };
    });
    expect(verifyChain(tampered)).toMatchObject({
      ok: false,
      checked: 2,
      lastSequence: 2,
      firstBroken: { sequence: 3, problem: 'hash_mismatch' },
    });
  });

  it.each([
    ['type', { type: 'vote.closed' }],
    ['subject', { subject: 'vote:99' }],
    ['actor', { actor: 'delegate:99' }],
    ['occurredAt', { occurredAt: '2030-01-01T00:00:00.000Z' }],
  ] as Array<[string, Partial<LedgerEvent>]>)('names an altered %s (hash_mismatch)', (_field, change) => {
    const tampered = events.map((event) => (event.sequence === 4 ? { ...event, ...change } : event));
    expect(verifyChain(tampered).firstBroken).toEqual({ sequence: 4, problem: 'hash_mismatch' });
  });

  it('names an altered hash on the last event (hash_mismatch)', () => {
    const tampered = events.map((event) =>
      event.sequence === 5 ? { ...event, hash: 'a'.repeat(64) } : event,
    );
    expect(verifyChain(tampered)).toMatchObject({
      ok: false,
      checked: 4,
      lastSequence: 4,
      lastHash: events[3]!.hash,
      firstBroken: { sequence: 5, problem: 'hash_mismatch' },
    });
  });

  it('when an altered event is re-sealed with a correct own hash, names the NEXT event (previous_hash_mismatch)', () => {
    const resealed = sealEvent(
      { ...content(3), payload: { n: 3, choice: 'yes', note: 'otra cosa' } },
      events[1]!.hash,
    );
    const tampered = events.map((event) => (event.sequence === 3 ? resealed : event));
    expect(verifyChain(tampered)).toEqual({
      ok: false,
      checked: 3,
      lastSequence: 3,
      lastHash: resealed.hash,
      firstBroken: { sequence: 4, problem: 'previous_hash_mismatch' },
    });
  });

  it('names a removed event (sequence_gap at the next one)', () => {
    const tampered = events.filter((event) => event.sequence !== 3);
    expect(verifyChain(tampered)).toEqual({
      ok: false,
      checked: 2,
      lastSequence: 2,
      lastHash: events[1]!.hash,
      firstBroken: { sequence: 4, problem: 'sequence_gap' },
    });
  });

  it('names a removed first event', () => {
    expect(verifyChain(events.slice(1))).toEqual({
      ok: false,
      checked: 0,
      lastSequence: null,
      lastHash: GENESIS_HASH,
      firstBroken: { sequence: 2, problem: 'sequence_gap' },
    });
  });

  it('names swapped events (sequence_gap)', () => {
    const swapped = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
    expect(verifyChain(swapped).firstBroken).toEqual({ sequence: 3, problem: 'sequence_gap' });
  });

  it('names a duplicated event (sequence_gap)', () => {
    const duplicated = [events[0]!, events[1]!, events[1]!, ...events.slice(2)];
    expect(verifyChain(duplicated).firstBroken).toEqual({ sequence: 2, problem: 'sequence_gap' });
  });

  it('names a renumbered event whose hashes were not recomputed', () => {
    // event 4 renumbered to 3 after removing 3: sequence fits, payload fits, but previousHash does not
    const renumbered = [events[0]!, events[1]!, { ...events[3]!, sequence: 3 }];
    expect(verifyChain(renumbered).firstBroken).toEqual({ sequence: 3, problem: 'previous_hash_mismatch' });
  });

  it('verifies a rebuilt chain that does not start at genesis only from the right checkpoint', () => {
    const tail = chain(3, 3, events[1]!.hash);
    expect(tail).toEqual(events.slice(2));
    expect(verifyChain(tail).firstBroken).toEqual({ sequence: 3, problem: 'sequence_gap' });
  });
});
