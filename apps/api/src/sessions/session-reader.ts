import type { AppConfig } from '#config';
import type { AgendaItemView, SessionSnapshot, SessionView, SpeakerView, SpeechView } from '#contracts';
import {
  assemblyToday,
  DomainError,
  computeQuorum,
  orderSpeakers,
  type Seat,
  type SpeakerStance,
} from '#domain';
import { readAgenda, readCurrentItemId, readSessionVote } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';

type Source = DataSource | EntityManager;

export interface SpeechRow {
  id: string;
  item_id: string;
  delegate_id: string;
  stance: SpeakerStance;
  started_at: Date;
  ends_at: Date;
  ended_at: Date | null;
  ended_by: 'timer' | 'moderator' | null;
}

export const speechView = (row: SpeechRow): SpeechView => ({
  id: row.id,
  itemId: row.item_id,
  delegateId: row.delegate_id,
  stance: row.stance,
  startedAt: row.started_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  endedBy: row.ended_by,
});

/** Reads what the live board shows; every writer uses the same reads for its live events. */
@Injectable()
export class SessionReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The seats of the assembly today: seated titulars with their (active, in-term) alternates. */
  async seats(source: Source): Promise<Seat[]> {
    const rows: { titular_id: string; alternate_id: string | null }[] = await source.query(
      `SELECT t.id AS titular_id, a.id AS alternate_id
       FROM delegates t
       LEFT JOIN delegates a ON a.alternate_of_id = t.id AND a.status = 'active' AND a.term_start <= $1 AND a.term_end >= $1
       WHERE t.alternate_of_id IS NULL AND t.status = 'active' AND t.term_start <= $1 AND t.term_end >= $1`,
      [assemblyToday()],
    );
    return rows.map((row) => ({ titularId: row.titular_id, alternateId: row.alternate_id }));
  }

  async attendance(source: Source, sessionId: string): Promise<SessionSnapshot['attendance']> {
    const present: { delegate_id: string }[] = await source.query(
      `SELECT delegate_id FROM attendance WHERE session_id = $1 AND present`,
      [sessionId],
    );
    const quorum = computeQuorum(
      await this.seats(source),
      new Set(present.map((row) => row.delegate_id)),
      this.config.quorum,
    );
    const counted = new Set(quorum.presentDelegateIds);
    return {
      presentDelegateIds: quorum.presentDelegateIds,
      uncountedDelegateIds: present.map((row) => row.delegate_id).filter((id) => !counted.has(id)),
      quorum: {
        seated: quorum.seated,
        present: quorum.present,
        required: quorum.required,
        hasQuorum: quorum.hasQuorum,
      },
    };
  }

  agenda(source: Source, sessionId: string): Promise<AgendaItemView[]> {
    return readAgenda(source, sessionId);
  }

  currentItemId(source: Source, sessionId: string): Promise<string | null> {
    return readCurrentItemId(source, sessionId);
  }

  async speakers(source: Source, itemId: string | null): Promise<SpeakerView[]> {
    if (!itemId) return [];
    const rows: {
      id: string;
      delegate_id: string;
      stance: SpeakerStance;
      position: string;
      requested_at: Date;
    }[] = await source.query(
      `SELECT id, delegate_id, stance, position, requested_at FROM speaker_requests WHERE item_id = $1 AND status = 'waiting'`,
      [itemId],
    );
    return orderSpeakers(
      rows.map((row) => ({ ...row, delegateId: row.delegate_id, position: Number(row.position) })),
    ).map((row) => ({
      requestId: row.id,
      delegateId: row.delegateId,
      stance: row.stance,
      requestedAt: row.requested_at.toISOString(),
    }));
  }

  async currentSpeech(source: Source, sessionId: string): Promise<SpeechView | null> {
    const rows: SpeechRow[] = await source.query(
      `SELECT * FROM speeches WHERE session_id = $1 AND ended_at IS NULL`,
      [sessionId],
    );
    return rows[0] ? speechView(rows[0]) : null;
  }

  async session(source: Source, sessionId: string): Promise<SessionView & { sequence: number }> {
    const rows: {
      id: string;
      kind: SessionView['kind'];
      title: string;
      status: SessionView['status'];
      scheduled_at: Date;
      place: string | null;
      virtual_url: string | null;
      opened_at: Date | null;
      closed_at: Date | null;
      live_sequence: string;
    }[] = await source.query(`SELECT * FROM sessions WHERE id = $1`, [sessionId]);
    const row = rows[0];
    if (!row) throw new DomainError('SESSION_NOT_FOUND');
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      status: row.status,
      scheduledAt: row.scheduled_at.toISOString(),
      place: row.place,
      virtualUrl: row.virtual_url,
      currentItemId: await this.currentItemId(source, sessionId),
      openedAt: row.opened_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
      sequence: Number(row.live_sequence),
    };
  }

  /**
   * Everything a client needs to draw the session, read in one REPEATABLE READ transaction so the
   * sequence matches exactly the state shown: events after it are the ones to apply.
   */
  snapshot(sessionId: string): Promise<SessionSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const { sequence, ...session } = await this.session(m, sessionId);
      return {
        sequence,
        session,
        agenda: await this.agenda(m, sessionId),
        attendance: await this.attendance(m, sessionId),
        speakers: await this.speakers(m, session.currentItemId),
        currentSpeech: await this.currentSpeech(m, sessionId),
        vote: await readSessionVote(m, sessionId),
      };
    });
  }
}
