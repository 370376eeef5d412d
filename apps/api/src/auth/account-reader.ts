import type { Role } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  institution_id: string | null;
}

interface Waiting {
  resolve: (account: AuthenticatedUser | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads active accounts for authentication. Every request still reads its account after it arrives (a
 * removed role or a deactivation applies at once), but the reads that arrive while one is in flight
 * go together in the next query: under a burst, one round trip and one pooled connection serve a
 * hundred requests instead of each waiting for a connection of its own.
 */
@Injectable()
export class AccountReader {
  private waiting = new Map<string, Waiting[]>();
  private flushing: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(id: string): Promise<AuthenticatedUser | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(id);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(id, [{ resolve, reject }]);
      this.next();
    });
  }

  private next(): void {
    if (this.flushing || this.waiting.size === 0) return;
    const batch = this.waiting;
    this.waiting = new Map();
    this.flushing = this.flush(batch).finally(() => {
      this.flushing = null;
      this.next();
    });
  }

  private async flush(batch: Map<string, Waiting[]>): Promise<void> {
    let rows: AccountRow[];
    try {
      rows = await this.dataSource.query<AccountRow[]>(
        `SELECT id, email, display_name, roles, institution_id FROM users WHERE id = ANY($1::uuid[]) AND active`,
        [[...batch.keys()]],
      );
    } catch (error) {
      for (const list of batch.values()) for (const w of list) w.reject(error);
      return;
    }
    const found = new Map(rows.map((row) => [row.id, row]));
    for (const [id, list] of batch) {
      const row = found.get(id);
      const account: AuthenticatedUser | null = row
        ? {
            id: row.id,
            email: row.email,
            displayName: row.display_name,
            roles: row.roles,
            institutionId: row.institution_id,
          }
        : null;
      for (const w of list) w.resolve(account);
    }
  }
}
