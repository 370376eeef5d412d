import { DomainError } from '#domain';
import { lockWebhookDelivery, requeueWebhookDelivery } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/** A dead letter goes back to the queue with a fresh set of attempts. */
export async function replayWebhookDelivery(uow: UnitOfWork, id: string): Promise<void> {
  const delivery = await lockWebhookDelivery(uow.m, id);
  if (!delivery) throw new DomainError('DELIVERY_NOT_FOUND');
  if (delivery.status !== 'failed') throw new DomainError('DELIVERY_NOT_FAILED', { status: delivery.status });
  await requeueWebhookDelivery(uow.m, id);
  await uow.job('webhooks.deliver', { deliveryId: id });
}
