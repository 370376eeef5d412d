import { keyStatement, signStatement, SigningKeyHistory, type SigningKey } from '#domain';
import { lockLedgerHead, readSigningKeyEvents } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitOfWork } from '../unit-of-work.js';

/** The configured key is not the record's, and the change cannot be endorsed: the API must not start. */
export class SigningKeyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyRefused';
  }
}

/**
 * At every start: the record states the key that signs its checkpoints. The first start adopts the
 * configured key; a different key later is recorded as a change only when the previous key (the one in
 * force) is given too and signs the new key's statement — the key is never switched silently.
 */
export async function adoptSigningKey(
  uow: UnitOfWork,
  key: SigningKey,
  previous: SigningKey | null,
): Promise<'adopted' | 'changed' | null> {
  // The record's append lock first, so two processes starting at once cannot both adopt.
  await lockLedgerHead(uow.m);
  const history = new SigningKeyHistory();
  for (const event of await readSigningKeyEvents(uow.m)) {
    const problem = history.add(event);
    if (problem) throw new SigningKeyRefused(`The record's signing keys do not verify: ${problem}`);
  }
  const current = history.keys.at(-1);
  if (!current) {
    await uow.record({
      type: 'record.signing_key_adopted',
      actor: null,
      payload: { keyId: key.keyId, publicKey: key.publicKey },
    });
    return 'adopted';
  }
  if (current.keyId === key.keyId) return null;
  if (!previous)
    throw new SigningKeyRefused(
      `RECORD_SIGNING_KEY (key ${key.keyId}) is not the key the record states (${current.keyId}): to change it, set RECORD_SIGNING_KEY_PREVIOUS to the key ${current.keyId} once, so it endorses the new one`,
    );
  if (previous.keyId !== current.keyId)
    throw new SigningKeyRefused(
      `RECORD_SIGNING_KEY_PREVIOUS is key ${previous.keyId}, but the key in force in the record is ${current.keyId}`,
    );
  const endorsement = signStatement(
    previous,
    keyStatement({ keyId: key.keyId, publicKey: key.publicKey, previousKeyId: current.keyId }),
  );
  await uow.record({
    type: 'record.signing_key_changed',
    actor: null,
    payload: { keyId: key.keyId, publicKey: key.publicKey, previousKeyId: current.keyId, endorsement },
  });
  uow.checkpointAfterCommit();
  return 'changed';
}

/** The key in force in the record, or null before the first adoption. */
export async function recordedSigningKeyId(m: DataSource | EntityManager): Promise<string | null> {
  const events = await readSigningKeyEvents(m);
  return (events.at(-1)?.payload as { keyId?: string } | undefined)?.keyId ?? null;
}
