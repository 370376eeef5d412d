import type { DataSource, EntityManager } from 'typeorm';
import { modifyReturning } from '../database/modify-returning.js';

type Source = DataSource | EntityManager;

/** The id of the active institution with this code. */
export async function activeInstitutionIdByCode(m: Source, code: string): Promise<string | undefined> {
  const [institution]: { id: string }[] = await m.query(
    `SELECT id FROM institutions WHERE code = $1 AND active`,
    [code],
  );
  return institution?.id;
}

/** Inserts an endpoint under the id its sealed secret is bound to. */
export async function insertWebhookEndpoint(
  m: Source,
  row: { id: string; institutionId: string; url: string; secretSealed: Buffer; events: string[] },
): Promise<void> {
  await m.query(
    `INSERT INTO webhook_endpoints (id, institution_id, url, secret_sealed, events) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, row.institutionId, row.url, row.secretSealed, row.events],
  );
}

/** Endpoints still holding a clear secret from before secrets were sealed, locked (skipping held ones). */
export function lockClearWebhookSecrets(m: EntityManager): Promise<{ id: string; secret: string }[]> {
  return m.query(
    `SELECT id, secret FROM webhook_endpoints WHERE secret IS NOT NULL ORDER BY id FOR UPDATE SKIP LOCKED`,
  );
}

/** Replaces an endpoint's clear secret by its sealed form; the clear column is emptied. */
export async function storeSealedWebhookSecret(m: EntityManager, id: string, sealed: Buffer): Promise<void> {
  await m.query(`UPDATE webhook_endpoints SET secret = NULL, secret_sealed = $2 WHERE id = $1`, [id, sealed]);
}

/** False when there is no such endpoint. */
export async function deactivateWebhookEndpoint(m: Source, id: string): Promise<boolean> {
  const rows = await modifyReturning<{ id: string }>(
    m,
    `UPDATE webhook_endpoints SET active = false WHERE id = $1 RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/**
 * A new signing secret for an endpoint; answers whether the endpoint is active, or undefined when
 * there is none. Deliveries read the secret at each attempt, so every later attempt is signed with it.
 */
export async function rotateWebhookEndpointSecret(
  m: EntityManager,
  id: string,
  secretSealed: Buffer,
): Promise<{ active: boolean } | undefined> {
  const [endpoint]: { active: boolean }[] = await m.query(
    `SELECT active FROM webhook_endpoints WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!endpoint?.active) return endpoint;
  await m.query(
    `UPDATE webhook_endpoints SET secret = NULL, secret_sealed = $2, secret_rotated_at = now() WHERE id = $1`,
    [id, secretSealed],
  );
  return endpoint;
}

/** The delivery's status, its row locked (FOR UPDATE) until commit. */
export async function lockWebhookDelivery(
  m: EntityManager,
  id: string,
): Promise<{ status: string } | undefined> {
  const [delivery]: { status: string }[] = await m.query(
    `SELECT status FROM webhook_deliveries WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return delivery;
}

/** Back to the queue with a fresh set of attempts. */
export async function requeueWebhookDelivery(m: EntityManager, id: string): Promise<void> {
  await m.query(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0 WHERE id = $1`, [id]);
}
