import { DomainError, type SecretBox } from '#domain';
import { readWebhookEndpoint, rotateWebhookEndpointSecret, type WebhookEndpointRow } from '#persistence';
import { randomBytes } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * A new signing secret for an active endpoint, answered here only. The old one stops signing at once:
 * every later attempt (pending retries included) is signed with the new one.
 */
export async function rotateWebhookSecret(
  uow: UnitOfWork,
  box: SecretBox,
  id: string,
): Promise<WebhookEndpointRow & { secret: string }> {
  const secret = randomBytes(32).toString('hex');
  const endpoint = await rotateWebhookEndpointSecret(
    uow.m,
    id,
    box.seal(secret, { purpose: 'webhook-secret', id }),
  );
  if (!endpoint) throw new DomainError('WEBHOOK_NOT_FOUND');
  if (!endpoint.active) throw new DomainError('WEBHOOK_INACTIVE');
  const view = await readWebhookEndpoint(uow.m, id);
  return { ...view!, secret };
}
