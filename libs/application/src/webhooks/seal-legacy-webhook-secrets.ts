import type { SecretBox } from '#domain';
import { lockClearWebhookSecrets, storeSealedWebhookSecret } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * Seals the signing secrets stored in clear before secrets were sealed (migration 1765400000000), at
 * the API's start: the migration cannot know the key. Idempotent and safe with several processes
 * starting at once (rows another process holds are skipped; it seals them). Answers how many it sealed.
 */
export async function sealLegacyWebhookSecrets(uow: UnitOfWork, box: SecretBox): Promise<number> {
  const rows = await lockClearWebhookSecrets(uow.m);
  for (const row of rows)
    await storeSealedWebhookSecret(
      uow.m,
      row.id,
      box.seal(row.secret, { purpose: 'webhook-secret', id: row.id }),
    );
  return rows.length;
}
