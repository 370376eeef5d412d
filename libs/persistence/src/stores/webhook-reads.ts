import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface WebhookEndpointRow {
  id: string;
  institution: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  /** When the signing secret was last replaced (null: the one given at registration). */
  secretRotatedAt: string | null;
}

export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  institution: string;
  url: string;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: unknown;
}

const WEBHOOK = `
  SELECT e.id, i.code AS institution, e.url, e.events, e.active, e.created_at AS "createdAt",
         e.secret_rotated_at AS "secretRotatedAt"
  FROM webhook_endpoints e JOIN institutions i ON i.id = e.institution_id`;

export async function readWebhookEndpoint(
  source: Source,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  const [row]: WebhookEndpointRow[] = await source.query(`${WEBHOOK} WHERE e.id = $1`, [id]);
  return row;
}

/** An institution's endpoints, oldest first. */
export function readWebhookEndpointsOf(
  source: Source,
  institutionCode: string,
): Promise<WebhookEndpointRow[]> {
  return source.query(`${WEBHOOK} WHERE i.code = $1 ORDER BY e.created_at, e.id`, [institutionCode]);
}

/** Whether an institution (active or not) has this code. */
export async function institutionCodeExists(source: Source, code: string): Promise<boolean> {
  const found: unknown[] = await source.query(`SELECT 1 FROM institutions WHERE code = $1`, [code]);
  return found.length > 0;
}

/** Deliveries in one status, newest first. */
export function readWebhookDeliveries(
  source: Source,
  status: 'pending' | 'delivered' | 'failed',
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  return source.query(
    `SELECT d.id, d.endpoint_id AS "webhookId", i.code AS institution, e.url, d.event_type AS "eventType", d.status,
         d.attempts, d.last_error AS "lastError", d.last_attempt_at AS "lastAttemptAt", d.delivered_at AS "deliveredAt",
         d.created_at AS "createdAt", d.payload
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN institutions i ON i.id = e.institution_id
       WHERE d.status = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
    [status, limit],
  );
}
