import { randomBytes } from 'node:crypto';
import { signCheckpointFacts, signingKeyFromSeed } from '../ledger/checkpoint-signing.js';
import { SigningKeyHistory } from '../ledger/checkpoint.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';
import { emptyWitness, parseWitness, ReceiptFinder, witnessAfter, witnessFindings } from './witness.js';

const key = signingKeyFromSeed(randomBytes(32));
const at = '2026-12-02T08:00:00.000Z';
const keys = () => {
  const history = new SigningKeyHistory();
  history.add({
    sequence: 1,
    type: 'record.signing_key_adopted',
    payload: { keyId: key.keyId, publicKey: key.publicKey },
    occurredAt: at,
  });
  return history;
};
const hash = (n: number, variant = 'a') => `${variant}${String(n).padStart(63, '0')}`;
const cp = (n: number, variant = 'a') =>
  signCheckpointFacts(key, { sequence: n, hash: hash(n, variant), time: at });
const seen = (n: number, variant = 'a') => ({ ...cp(n, variant), seenAt: '2026-12-01T10:00:00.000Z' });
const recordOf = (end: number, variant = 'a') => ({
  end,
  hashAt: new Map(Array.from({ length: end }, (_, i) => [i + 1, hash(i + 1, variant)] as [number, string])),
});

describe('a witness compares what it kept with what is served', () => {
  it('finds nothing when the record, the served and the kept checkpoints agree', () => {
    expect(
      witnessFindings({ kept: [seen(3)], served: [cp(3), cp(6)], record: recordOf(8), keys: keys() }),
    ).toEqual([]);
  });

  it('names a rewritten event, a fork, a bad signature and a truncation by sequence', () => {
    const rewritten = witnessFindings({
      kept: [seen(3), seen(6)],
      served: [cp(3)],
      record: recordOf(8, 'b'),
      keys: keys(),
    });
    expect(rewritten.map((f) => f.line)).toEqual([
      'REWRITTEN: event 3 differs from checkpoint 3 seen 2026-12-01T10:00:00.000Z',
      'REWRITTEN: event 6 differs from checkpoint 6 seen 2026-12-01T10:00:00.000Z',
    ]);
    const fork = witnessFindings({
      kept: [seen(6)],
      served: [cp(6, 'b')],
      record: recordOf(8, 'b'),
      keys: keys(),
    });
    expect(fork[0]!.line).toMatch(
      /^FORK: checkpoint 6 is now signed for hash b0+6, but was signed for a0+6 \(seen 2026-12-01/,
    );
    const forged = { ...cp(7), hash: hash(7, 'c') };
    expect(
      witnessFindings({ kept: [], served: [forged], record: recordOf(8, 'c'), keys: keys() })[0]!.line,
    ).toBe(`SIGNATURE: checkpoint 7 does not verify with key ${key.keyId}`);
    expect(witnessFindings({ kept: [seen(6)], served: [], record: recordOf(4), keys: keys() })[0]!.line).toBe(
      'TRUNCATED: the record ends at 4 but checkpoint 6 was seen 2026-12-01T10:00:00.000Z',
    );
  });

  it('keeps every served checkpoint once, with when it was first seen; refuses a file for another instance', () => {
    const state = witnessAfter(
      { ...emptyWitness('https://a.pe'), checkpoints: [seen(3)] },
      [cp(3), cp(6)],
      keys().keys,
      '2026-12-02T09:00:00.000Z',
    );
    expect(state.checkpoints.map((c) => [c.sequence, c.seenAt])).toEqual([
      [3, '2026-12-01T10:00:00.000Z'],
      [6, '2026-12-02T09:00:00.000Z'],
    ]);
    expect(parseWitness(JSON.stringify(state), 'https://a.pe').checkpoints).toHaveLength(2);
    expect(() => parseWitness(JSON.stringify(state), 'https://b.pe')).toThrow('watches https://a.pe');
    expect(() => parseWitness('{"version":2}', 'https://a.pe')).toThrow('not an Asamblea witness file');
  });

  it('says what a ballot receipt is and whether that revision was counted', () => {
    const event = (sequence: number, type: string, payload: unknown): LedgerEvent => ({
      sequence,
      type,
      payload,
      subject: 'vote:v',
      actor: null,
      occurredAt: at,
      payloadHash: '',
      previousHash: '',
      hash: hash(sequence),
    });
    const events = [
      event(1, 'vote.opened', { voteId: 'v', question: '¿Aprobar?' }),
      event(2, 'ballot.cast', { voteId: 'v', delegateId: 'd', revision: 1, commitment: 'x' }),
      event(3, 'ballot.cast', { voteId: 'v', delegateId: 'd', revision: 2, commitment: 'y' }),
      event(4, 'vote.closed', {
        voteId: 'v',
        revisions: [
          { delegateId: 'd', revision: 1 },
          { delegateId: 'd', revision: 2 },
        ],
      }),
    ];
    const finder = (receipt: string) => {
      const f = new ReceiptFinder(receipt);
      for (const e of events) f.add(e);
      return f.describe();
    };
    expect(finder(hash(3))).toBe(
      'boleta de la votación «¿Aprobar?» (v), evento 3, revisión 2; contada en el escrutinio (evento 4)',
    );
    expect(finder(hash(2))).toBe(
      'boleta de la votación «¿Aprobar?» (v), evento 2, revisión 1; reemplazada por la revisión 2, que es la contada (evento 4)',
    );
    expect(finder(hash(9))).toBeNull();
  });
});
