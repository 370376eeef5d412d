import { DomainError } from '#domain';
import { deactivateWebhookEndpoint } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

export async function deactivateWebhook(uow: UnitOfWork, id: string): Promise<void> {
  if (!(await deactivateWebhookEndpoint(uow.m, id))) throw new DomainError('WEBHOOK_NOT_FOUND');
}
