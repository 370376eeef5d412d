import type { AppConfig } from '#config';
import { destinationAllowList, SealedSecretUnreadable, SecretBox } from '#domain';
import { readDeliveryForAttempt, settleDeliveryAttempt } from '#persistence';
import { createHmac } from 'node:crypto';
import { postWebhook, WebhookDestinationRefused } from './webhook-transport.js';
import type { DataSource } from 'typeorm';

const TIMEOUT_MS = 10_000;

export class WebhookAttemptFailed extends Error {}

/** What a receiver checks: HMAC-SHA256 with the endpoint's secret over `<timestamp>.<raw body>`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * One attempt at a delivery. Delivered ones are never sent again (a job run twice is harmless); a
 * refused or unreachable attempt is counted and thrown, so the queue retries it with backoff, until the
 * last allowed attempt puts it on the dead-letter list instead.
 */
export function deliverWebhook(dataSource: DataSource, config: AppConfig) {
  const allowed = destinationAllowList(config.webhooks.allowedDestinations);
  const box = new SecretBox(config.secretsKey);
  return async ({ deliveryId }: { deliveryId: string }): Promise<{ status: string; attempts: number }> => {
    const delivery = await readDeliveryForAttempt(dataSource, deliveryId);
    if (!delivery || delivery.status !== 'pending')
      return { status: delivery?.status ?? 'missing', attempts: delivery?.attempts ?? 0 };
    if (!delivery.active) {
      await settleDeliveryAttempt(dataSource, deliveryId, 'failed', 'endpoint deactivated');
      return { status: 'failed', attempts: delivery.attempts };
    }
    const body = JSON.stringify({
      id: delivery.id,
      type: delivery.event_type,
      createdAt: delivery.created_at.toISOString(),
      data: delivery.payload,
    });
    // A clear secret only until the API's start has sealed the ones from before secrets were sealed.
    let secret: string;
    try {
      secret = delivery.secret_sealed
        ? box.open(delivery.secret_sealed, { purpose: 'webhook-secret', id: delivery.endpoint_id })
        : delivery.secret!;
    } catch (error) {
      if (!(error instanceof SealedSecretUnreadable)) throw error;
      // Another SECRETS_KEY, or bytes not sealed for this endpoint: retrying cannot help; rotating can.
      await settleDeliveryAttempt(dataSource, deliveryId, 'failed', 'secret unreadable');
      return { status: 'failed', attempts: delivery.attempts };
    }
    const timestamp = String(Math.floor(Date.now() / 1000));
    let problem: string | null = null;
    try {
      const status = await postWebhook({
        url: delivery.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Asamblea-Webhooks/1',
          'x-asamblea-event': delivery.event_type,
          'x-asamblea-delivery': delivery.id,
          'x-asamblea-timestamp': timestamp,
          'x-asamblea-signature': webhookSignature(secret, timestamp, body),
        },
        body,
        timeoutMs: TIMEOUT_MS,
        allowed,
      });
      if (status < 200 || status >= 300) problem = `HTTP ${status}`;
    } catch (error) {
      // What is stored is shown to the secretariat: the kind of failure, never the network's detail
      // (which ports answer, which names resolve), so the list is no scanner of the API's network.
      problem = error instanceof WebhookDestinationRefused ? 'refused destination' : 'no answer';
    }
    const attempts = delivery.attempts + 1;
    if (!problem) {
      await settleDeliveryAttempt(dataSource, deliveryId, 'delivered', null, attempts);
      return { status: 'delivered', attempts };
    }
    if (attempts >= config.webhooks.maxAttempts) {
      await settleDeliveryAttempt(dataSource, deliveryId, 'failed', problem, attempts);
      return { status: 'failed', attempts };
    }
    await settleDeliveryAttempt(dataSource, deliveryId, 'pending', problem, attempts);
    throw new WebhookAttemptFailed(`delivery ${deliveryId} attempt ${attempts}: ${problem}`);
  };
}
