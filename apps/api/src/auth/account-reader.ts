import { readActiveAccounts } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { CoalescedReads } from '../common/coalesced-reads.js';

/**
 * Reads active accounts for authentication. Every request still reads its account after it arrives (a
 * removed role or a deactivation applies at once), but the reads that arrive while one is in flight
 * go together in the next query: under a burst, one round trip and one pooled connection serve a
 * hundred requests instead of each waiting for a connection of its own.
 */
@Injectable()
export class AccountReader {
  private readonly reads: CoalescedReads<string, AuthenticatedUser | null>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.reads = new CoalescedReads(async (ids) => {
      const rows = await readActiveAccounts(dataSource, ids);
      return new Map(
        rows.map((row) => [
          row.id,
          {
            id: row.id,
            email: row.email,
            displayName: row.display_name,
            roles: row.roles,
            institutionId: row.institution_id,
          },
        ]),
      );
    }, null);
  }

  read(id: string): Promise<AuthenticatedUser | null> {
    return this.reads.read(id);
  }
}
