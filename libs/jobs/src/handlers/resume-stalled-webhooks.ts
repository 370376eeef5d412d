import type { AppConfig } from '#config';
import { enqueueJob, lockStalledDeliveries, markDeliveryResumed } from '#persistence';
import type { DataSource } from 'typeorm';

// How long past its next expected attempt a pending delivery may go quiet before it is sent again.
const GRACE_SECONDS = 120;

/**
 * Every few minutes, idempotent: a delivery still pending well after its next attempt was due has lost
 * its job (Redis restarted without persistence, or BullMQ failed a job whose worker died twice in it);
 * it gets a new one through the job outbox. Deliveries stay at least once: the receiver sees the same
 * `x-asamblea-delivery` id if the old job turns out to be alive after all.
 */
export function resumeStalledWebhooks(dataSource: DataSource, config: AppConfig) {
  return async (): Promise<{ resumed: number }> =>
    dataSource.transaction(async (m) => {
      const stalled = await lockStalledDeliveries(m, config.webhooks.backoffMs / 1000, GRACE_SECONDS);
      for (const id of stalled) {
        await enqueueJob(m, 'webhooks.deliver', { deliveryId: id });
        // The next sweeps leave it to the job just made, until that one is overdue too.
        await markDeliveryResumed(m, id);
      }
      return { resumed: stalled.length };
    });
}
