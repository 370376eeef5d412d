import { signCheckpointFacts, type Checkpoint, type SigningKey } from '#domain';
import { insertCheckpoint, readCheckpointCovering, readLatestCheckpoint, readLedgerHead } from '#persistence';
import type { DataSource } from 'typeorm';
import { recordedSigningKeyId } from './adopt-signing-key.js';

/** The configured key is not the one the record states: this process must not sign (the API adopts keys). */
export class NotTheRecordsKey extends Error {
  constructor(keyId: string, recorded: string | null) {
    super(
      recorded
        ? `this process's RECORD_SIGNING_KEY (key ${keyId}) is not the record's key (${recorded}): no checkpoint signed`
        : `the record states no signing key yet (the API adopts it at start): no checkpoint signed`,
    );
    this.name = 'NotTheRecordsKey';
  }
}

/**
 * Signs the record's head unless it is signed already. Idempotent and safe to run from several
 * processes at once: one checkpoint per sequence, the first insert wins and every caller gets it.
 * Returns null for an empty record.
 */
export async function signCheckpoint(dataSource: DataSource, key: SigningKey): Promise<Checkpoint | null> {
  const head = await readLedgerHead(dataSource);
  if (!head) return null;
  const latest = await readLatestCheckpoint(dataSource);
  if (latest && latest.sequence >= head.sequence) return latest;
  const recorded = await recordedSigningKeyId(dataSource);
  if (recorded !== key.keyId) throw new NotTheRecordsKey(key.keyId, recorded);
  return insertCheckpoint(
    dataSource,
    signCheckpointFacts(key, { sequence: head.sequence, hash: head.hash, time: new Date().toISOString() }),
  );
}

/** The first checkpoint covering event `sequence`; signed now when there is none yet. */
export async function checkpointCovering(
  dataSource: DataSource,
  key: SigningKey,
  sequence: number,
): Promise<Checkpoint> {
  const covering = await readCheckpointCovering(dataSource, sequence);
  if (covering) return covering;
  await signCheckpoint(dataSource, key);
  const signed = await readCheckpointCovering(dataSource, sequence);
  if (!signed) throw new Error(`no checkpoint covers event ${sequence}`);
  return signed;
}
