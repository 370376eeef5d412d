import { randomBytes } from 'node:crypto';
import {
  checkpointStatement,
  keyIdOf,
  keyStatement,
  SigningKeyHistory,
  verifyCheckpointSignature,
  verifyStatement,
} from './checkpoint.js';
import { signCheckpointFacts, signingKeyFromSeed, signStatement } from './checkpoint-signing.js';

// RFC 8032, section 7.1, test 1: the seed, its public key, and the signature of the empty message.
const RFC_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

describe('record signing keys and checkpoints', () => {
  it('derives the Ed25519 key of RFC 8032 from its seed, and its id from the public key', () => {
    const key = signingKeyFromSeed(Buffer.from(RFC_SEED, 'hex'));
    expect(Buffer.from(key.publicKey, 'base64').toString('hex')).toBe(RFC_PUBLIC);
    expect(Buffer.from(signStatement(key, ''), 'base64').toString('hex')).toBe(RFC_SIGNATURE);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key.publicKey)).toBe(key.keyId);
    expect(() => signingKeyFromSeed(randomBytes(31))).toThrow('32 bytes');
  });

  it('signs a domain-separated canonical statement of {sequence, hash, time, keyId}', () => {
    const key = signingKeyFromSeed(randomBytes(32));
    const checkpoint = signCheckpointFacts(key, {
      sequence: 7,
      hash: 'a'.repeat(64),
      time: '2026-12-02T08:00:00.000Z',
    });
    expect(checkpointStatement(checkpoint)).toBe(
      `{"hash":"${'a'.repeat(64)}","keyId":"${key.keyId}","kind":"asamblea-checkpoint/1","sequence":7,"time":"2026-12-02T08:00:00.000Z"}`,
    );
    expect(verifyCheckpointSignature(checkpoint, key.publicKey)).toBe(true);
    expect(verifyCheckpointSignature({ ...checkpoint, sequence: 8 }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, hash: 'b'.repeat(64) }, key.publicKey)).toBe(false);
    expect(
      verifyCheckpointSignature({ ...checkpoint, time: '2026-12-02T08:00:01.000Z' }, key.publicKey),
    ).toBe(false);
    const other = signingKeyFromSeed(randomBytes(32));
    expect(verifyCheckpointSignature(checkpoint, other.publicKey)).toBe(false);
    // A key statement signed by the key is not a checkpoint: the kinds differ.
    expect(verifyStatement(key.publicKey, checkpointStatement(checkpoint), 'not base64!')).toBe(false);
    expect(verifyStatement('short', checkpointStatement(checkpoint), checkpoint.signature)).toBe(false);
  });

  it('follows the keys the record states: a change must be endorsed by the key in force', () => {
    const one = signingKeyFromSeed(randomBytes(32));
    const two = signingKeyFromSeed(randomBytes(32));
    const at = '2026-12-02T08:00:00.000Z';
    const history = new SigningKeyHistory();
    expect(
      history.add({
        sequence: 2,
        type: 'record.signing_key_adopted',
        payload: { keyId: one.keyId, publicKey: one.publicKey },
        occurredAt: at,
      }),
    ).toBeNull();
    const statement = keyStatement({ keyId: two.keyId, publicKey: two.publicKey, previousKeyId: one.keyId });
    const selfSigned = {
      keyId: two.keyId,
      publicKey: two.publicKey,
      previousKeyId: one.keyId,
      endorsement: signStatement(two, statement),
    };
    expect(
      history.add({ sequence: 9, type: 'record.signing_key_changed', payload: selfSigned, occurredAt: at }),
    ).toBe(`event 9: key ${two.keyId} is not endorsed by key ${one.keyId}`);
    expect(
      history.add({
        sequence: 9,
        type: 'record.signing_key_changed',
        payload: { ...selfSigned, endorsement: signStatement(one, statement) },
        occurredAt: at,
      }),
    ).toBeNull();
    expect(history.keyAt(1)).toBeNull();
    expect(history.keyAt(8)?.keyId).toBe(one.keyId);
    expect(history.keyAt(9)?.keyId).toBe(two.keyId);
    expect(history.keys[0]!.untilSequence).toBe(9);

    const early = signCheckpointFacts(one, { sequence: 5, hash: 'c'.repeat(64), time: at });
    const late = signCheckpointFacts(two, { sequence: 12, hash: 'd'.repeat(64), time: at });
    expect(history.checkSignature(early)).toBeNull();
    expect(history.checkSignature(late)).toBeNull();
    expect(
      history.checkSignature(signCheckpointFacts(one, { sequence: 12, hash: 'd'.repeat(64), time: at })),
    ).toBe(`SIGNATURE: checkpoint 12 names key ${one.keyId}, the record's key there is ${two.keyId}`);
    expect(history.checkSignature({ ...late, signature: early.signature })).toBe(
      `SIGNATURE: checkpoint 12 does not verify with key ${two.keyId}`,
    );
    expect(
      history.add({
        sequence: 20,
        type: 'record.signing_key_adopted',
        payload: { keyId: one.keyId, publicKey: one.publicKey },
        occurredAt: at,
      }),
    ).toBe('event 20: a second key adopted without an endorsement');
  });
});
