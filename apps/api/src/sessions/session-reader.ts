import type {
  AgendaItemView,
  SessionSnapshot,
  SessionView,
  SpeakerView,
  SpeechView,
  VoteView,
} from '#contracts';
import { attendanceView, rulesInForceNow, speakersView } from '#application';
import { DomainError, type Seat } from '#domain';
import {
  readAgenda,
  readCurrentItemId,
  readCurrentSpeech,
  readSeats,
  readSessionList,
  readSessionRow,
  readSessionVote,
  readSessionVotes,
  readVoteView,
  type SessionListRow,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export type { SessionListRow };

/** Reads what the live board shows; every writer uses the same reads for its live events. */
@Injectable()
export class SessionReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sessions, newest first (the latest 200). */
  list(): Promise<SessionListRow[]> {
    return readSessionList(this.dataSource);
  }

  /** Every vote of a session, oldest first. */
  votes(sessionId: string): Promise<VoteView[]> {
    return readSessionVotes(this.dataSource, sessionId);
  }

  async vote(voteId: string): Promise<VoteView> {
    const vote = await readVoteView(this.dataSource, voteId);
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    return vote;
  }

  /** The seats of the assembly today: seated titulars with their (active, in-term) alternates. */
  seats(source: Source): Promise<Seat[]> {
    return readSeats(source);
  }

  async attendance(source: Source, sessionId: string): Promise<SessionSnapshot['attendance']> {
    return attendanceView(source, sessionId, (await rulesInForceNow(source)).rules.quorum);
  }

  agenda(source: Source, sessionId: string): Promise<AgendaItemView[]> {
    return readAgenda(source, sessionId);
  }

  currentItemId(source: Source, sessionId: string): Promise<string | null> {
    return readCurrentItemId(source, sessionId);
  }

  speakers(source: Source, itemId: string | null): Promise<SpeakerView[]> {
    return speakersView(source, itemId);
  }

  currentSpeech(source: Source, sessionId: string): Promise<SpeechView | null> {
    return readCurrentSpeech(source, sessionId);
  }

  async session(source: Source, sessionId: string): Promise<SessionView & { sequence: number }> {
    const row = await readSessionRow(source, sessionId);
    if (!row) throw new DomainError('SESSION_NOT_FOUND');
    return {
      id: row.id,
      number: row.number,
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
