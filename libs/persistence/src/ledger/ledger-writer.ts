import {
  GENESIS_HASH,
  recordSubject,
  sealEvent,
  verifyChain,
  type ChainVerdict,
  type LedgerEvent,
  type NewRecordEvent,
} from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

// Every append takes the transaction-scoped advisory lock 7_345_010 (in ledger_lock_head()) first.

/** Only the catalogue's events (`libs/domain/src/ledger/record-events.ts`), filed under its subjects. */
export type NewLedgerEvent = NewRecordEvent;

interface LedgerRow {
  sequence: string;
  type: string;
  subject: string;
  payload: unknown;
  payload_hash: string;
  previous_hash: string;
  hash: string;
  actor: string | null;
  occurred_at: Date;
}

export function toLedgerEvent(row: LedgerRow): LedgerEvent {
  return {
    sequence: Number(row.sequence),
    type: row.type,
    subject: row.subject,
    payload: row.payload,
    payloadHash: row.payload_hash,
    previousHash: row.previous_hash,
    hash: row.hash,
    actor: row.actor,
    occurredAt: row.occurred_at.toISOString(),
  };
}

/** The INSERT of a sealed event, for callers that fold it into a larger statement (one round trip). */
export const LEDGER_INSERT_COLUMNS =
  'sequence, type, subject, payload, payload_hash, previous_hash, hash, actor, occurred_at';

export function ledgerInsertValues(sealed: LedgerEvent): unknown[] {
  return [
    sealed.sequence,
    sealed.type,
    sealed.subject,
    JSON.stringify(sealed.payload),
    sealed.payloadHash,
    sealed.previousHash,
    sealed.hash,
    sealed.actor,
    sealed.occurredAt,
  ];
}

/**
 * Takes the record's append lock (held until the caller's commit, so the chain never forks) and seals
 * the next event on the current head. The caller must insert it in the same transaction.
 */
export async function sealNextLedgerEvent(
  manager: EntityManager,
  event: NewLedgerEvent,
): Promise<LedgerEvent> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('sealNextLedgerEvent needs a transaction');
  const head: { sequence: string; hash: string }[] = await manager.query('SELECT * FROM ledger_lock_head()');
  return sealEvent(
    {
      sequence: head[0] ? Number(head[0].sequence) + 1 : 1,
      type: event.type,
      subject: recordSubject(event),
      payload: event.payload,
      actor: event.actor,
      occurredAt: new Date().toISOString(),
    },
    head[0]?.hash ?? GENESIS_HASH,
  );
}

/**
 * Appends one event inside the caller's transaction (so the record and the change it records commit
 * or roll back together). Appends are serialised by an advisory lock held until that commit.
 */
export async function appendLedgerEvent(manager: EntityManager, event: NewLedgerEvent): Promise<LedgerEvent> {
  const sealed = await sealNextLedgerEvent(manager, event);
  await manager.query(
    `INSERT INTO ledger_events (${LEDGER_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    ledgerInsertValues(sealed),
  );
  return sealed;
}

const SELECT_EVENTS =
  'SELECT sequence, type, subject, payload, payload_hash, previous_hash, hash, actor, occurred_at FROM ledger_events';

export async function readLedger(
  source: DataSource | EntityManager,
  after: number,
  limit: number,
): Promise<LedgerEvent[]> {
  const rows: LedgerRow[] = await source.query(
    `${SELECT_EVENTS} WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
    [after, limit],
  );
  return rows.map(toLedgerEvent);
}

export async function readSubjectHistory(
  source: DataSource | EntityManager,
  subject: string,
): Promise<LedgerEvent[]> {
  const rows: LedgerRow[] = await source.query(`${SELECT_EVENTS} WHERE subject = $1 ORDER BY sequence`, [
    subject,
  ]);
  return rows.map(toLedgerEvent);
}

/** Verifies the whole stored chain page by page (constant memory). */
export async function verifyStoredLedger(source: DataSource, pageSize = 5000): Promise<ChainVerdict> {
  let from = { sequence: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const page = await readLedger(source, from.sequence, pageSize);
    const verdict = verifyChain(page, from);
    checked += verdict.checked;
    if (!verdict.ok || page.length < pageSize) return { ...verdict, checked };
    from = { sequence: verdict.lastSequence!, hash: verdict.lastHash };
  }
}
