import type { SessionSnapshot } from '#contracts';
import { Injectable } from '@nestjs/common';
import { SessionReader } from '../sessions/session-reader.js';

interface Waiting {
  resolve: (snapshot: SessionSnapshot) => void;
  reject: (error: unknown) => void;
}

interface SessionReads {
  running: Promise<void> | null;
  waiting: Waiting[];
}

/**
 * Session snapshots for joining sockets, one read for all who ask together: when thousands of phones
 * join a room at once, those that arrive while a snapshot is being read wait for the next read and
 * share it. Never an earlier one: a socket is in the room before it asks, so the read that answers it
 * starts after it could receive every later event (the gateway's no-gap rule holds).
 */
@Injectable()
export class SharedSnapshots {
  private readonly sessions = new Map<string, SessionReads>();

  constructor(private readonly reader: SessionReader) {}

  read(sessionId: string): Promise<SessionSnapshot> {
    return new Promise((resolve, reject) => {
      let reads = this.sessions.get(sessionId);
      if (!reads) {
        reads = { running: null, waiting: [] };
        this.sessions.set(sessionId, reads);
      }
      reads.waiting.push({ resolve, reject });
      this.next(sessionId, reads);
    });
  }

  private next(sessionId: string, reads: SessionReads): void {
    if (reads.running) return;
    if (reads.waiting.length === 0) {
      this.sessions.delete(sessionId);
      return;
    }
    const answering = reads.waiting;
    reads.waiting = [];
    reads.running = this.answer(sessionId, answering).finally(() => {
      reads.running = null;
      this.next(sessionId, reads);
    });
  }

  private async answer(sessionId: string, answering: Waiting[]): Promise<void> {
    try {
      const snapshot = await this.reader.snapshot(sessionId);
      for (const w of answering) w.resolve(snapshot);
    } catch (error) {
      for (const w of answering) w.reject(error);
    }
  }
}
