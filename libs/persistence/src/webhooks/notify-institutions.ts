import type { EntityManager } from 'typeorm';
import { enqueueJob } from '../outbox/job-outbox.js';

export type InstitutionEvent = 'resolution.issued' | 'deadline.approaching' | 'compliance.overdue';

/**
 * One delivery per active endpoint of the given institutions subscribed to the event, each with its
 * delivery job, in the caller's transaction. `eventKey` identifies the fact: asking twice for the same
 * fact (a job run twice) makes no second delivery.
 */
export async function notifyInstitutions(
  m: EntityManager,
  institutionIds: readonly string[],
  event: InstitutionEvent,
  eventKey: string,
  payload: (institutionId: string) => unknown,
): Promise<number> {
  if (institutionIds.length === 0) return 0;
  const endpoints: { id: string; institution_id: string }[] = await m.query(
    `SELECT id, institution_id FROM webhook_endpoints
     WHERE active AND institution_id = ANY ($1::uuid[]) AND $2 = ANY (events) ORDER BY id`,
    [institutionIds, event],
  );
  let created = 0;
  for (const endpoint of endpoints) {
    const [delivery]: { id: string }[] = await m.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_type, event_key, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint_id, event_key) DO NOTHING RETURNING id`,
      [endpoint.id, event, eventKey, JSON.stringify(payload(endpoint.institution_id))],
    );
    if (!delivery) continue;
    await enqueueJob(m, 'webhooks.deliver', { deliveryId: delivery.id });
    created += 1;
  }
  return created;
}
