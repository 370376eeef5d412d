import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface DeliveryAttemptRow {
  id: string;
  event_type: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: Date;
  url: string;
  /** The endpoint's id: the sealed secret is bound to it. */
  endpoint_id: string;
  secret_sealed: Buffer | null;
  /** Only until the API's start has sealed secrets from before they were sealed. */
  secret: string | null;
  active: boolean;
}

/** A delivery with its endpoint, for one attempt. */
export async function readDeliveryForAttempt(
  source: Source,
  deliveryId: string,
): Promise<DeliveryAttemptRow | undefined> {
  const [delivery]: DeliveryAttemptRow[] = await source.query(
    `SELECT d.id, d.event_type, d.payload, d.status, d.attempts, d.created_at, e.url, d.endpoint_id,
       e.secret_sealed, e.secret, e.active
     FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1`,
    [deliveryId],
  );
  return delivery;
}

/** An attempt's outcome, written only while the delivery is still pending (a job run twice is harmless). */
export async function settleDeliveryAttempt(
  source: Source,
  id: string,
  status: 'pending' | 'delivered' | 'failed',
  error: string | null,
  attempts?: number,
): Promise<void> {
  await source.query(
    `UPDATE webhook_deliveries SET status = $2, last_error = $3, attempts = coalesce($4, attempts), last_attempt_at = now(),
       delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE NULL END
     WHERE id = $1 AND status = 'pending'`,
    [id, status, error, attempts ?? null],
  );
}

/**
 * Pending deliveries quiet for `graceSeconds` past their next expected attempt, locked (skipping those
 * another sweep holds). The queue waits backoff × 2^(attempts − 1) before attempt n + 1 (BullMQ's
 * exponential backoff).
 */
export async function lockStalledDeliveries(
  m: EntityManager,
  backoffSeconds: number,
  graceSeconds: number,
): Promise<string[]> {
  const stalled: { id: string }[] = await m.query(
    `SELECT id FROM webhook_deliveries
     WHERE status = 'pending'
       AND greatest(coalesce(last_attempt_at, created_at), resumed_at)
           + make_interval(secs => CASE WHEN attempts = 0 THEN 0 ELSE $1::float8 * power(2, attempts - 1) END)
           + make_interval(secs => $2::float8) < now()
     ORDER BY created_at
     FOR UPDATE SKIP LOCKED`,
    [backoffSeconds, graceSeconds],
  );
  return stalled.map((row) => row.id);
}

export async function markDeliveryResumed(m: EntityManager, id: string): Promise<void> {
  await m.query(`UPDATE webhook_deliveries SET resumed_at = now() WHERE id = $1`, [id]);
}
