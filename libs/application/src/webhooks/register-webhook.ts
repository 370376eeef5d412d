import { destinationAllowList, DomainError, isAllowedWebhookUrl, type SecretBox } from '#domain';
import {
  activeInstitutionIdByCode,
  insertWebhookEndpoint,
  readWebhookEndpoint,
  type WebhookEndpointRow,
} from '#persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * An active institution's endpoint; its signing secret is answered here only and stored sealed, bound to
 * the endpoint's id (chosen here for that reason).
 */
export async function registerWebhook(
  uow: UnitOfWork,
  box: SecretBox,
  institutionCode: string,
  input: { url: string; events: string[] },
  allowedDestinations: readonly string[] = [],
): Promise<WebhookEndpointRow & { secret: string }> {
  if (!isAllowedWebhookUrl(input.url, destinationAllowList(allowedDestinations)))
    throw new DomainError('WEBHOOK_DESTINATION_REFUSED');
  const institutionId = await activeInstitutionIdByCode(uow.m, institutionCode);
  if (!institutionId) throw new DomainError('INSTITUTION_NOT_FOUND');
  const secret = randomBytes(32).toString('hex');
  const id = randomUUID();
  await insertWebhookEndpoint(uow.m, {
    id,
    institutionId,
    url: input.url,
    secretSealed: box.seal(secret, { purpose: 'webhook-secret', id }),
    events: input.events,
  });
  const view = await readWebhookEndpoint(uow.m, id);
  return { ...view!, secret };
}
