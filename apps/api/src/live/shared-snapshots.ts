import type { SessionSnapshot } from '#contracts';
import { Injectable } from '@nestjs/common';
import { CoalescedReads } from '../common/coalesced-reads.js';
import { SessionReader } from '../sessions/session-reader.js';

type Read = { ok: true; snapshot: SessionSnapshot } | { ok: false; error: unknown };

/**
 * Session snapshots for joining sockets, one read for all who ask together: when thousands of phones
 * join a room at once, those that arrive while snapshots are being read wait for the next read and
 * share it. Never an earlier one: a socket is in the room before it asks, so the read that answers it
 * starts after it could receive every later event (the gateway's no-gap rule holds). Each session's
 * read succeeds or fails on its own.
 */
@Injectable()
export class SharedSnapshots {
  private readonly reads: CoalescedReads<string, Read>;

  constructor(reader: SessionReader) {
    this.reads = new CoalescedReads(
      async (sessionIds) =>
        new Map(
          await Promise.all(
            sessionIds.map(async (id): Promise<[string, Read]> => {
              try {
                return [id, { ok: true, snapshot: await reader.snapshot(id) }];
              } catch (error) {
                return [id, { ok: false, error }];
              }
            }),
          ),
        ),
      { ok: false, error: new Error('no snapshot read') },
    );
  }

  async read(sessionId: string): Promise<SessionSnapshot> {
    const read = await this.reads.read(sessionId);
    if (!read.ok) throw read.error;
    return read.snapshot;
  }
}
