import type { LedgerEvent } from '#domain';
import { readLedger } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Pages of the public record, in order. */
@Injectable()
export class LedgerReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `next` is the sequence to ask after, while a page comes back full. */
  async page(after: number, limit: number): Promise<{ events: LedgerEvent[]; next: number | null }> {
    const events = await readLedger(this.dataSource, after, limit);
    return { events, next: events.length === limit ? events[events.length - 1]!.sequence : null };
  }
}
