import { inTransaction, sweepOverdueCompliance } from '#application';
import type { AppConfig } from '#config';
import type { DataSource } from 'typeorm';

/**
 * Daily, idempotent: compliance whose deadline passed unfulfilled becomes `overdue` (in the public
 * record, and the institution is told); institutions are warned once when a deadline is near.
 */
export function complianceDailySweep(dataSource: DataSource, config: AppConfig) {
  // Its public-read effect is left to each API's cache, which hears the commit through PostgreSQL.
  return async (): Promise<{ overdue: number; approaching: number }> =>
    (await inTransaction(dataSource, (uow) => sweepOverdueCompliance(uow, config))).result;
}
