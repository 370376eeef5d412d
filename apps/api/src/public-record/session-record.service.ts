import type { SessionSnapshot, SessionView, VoteView } from '#contracts';
import { readSessionVotes } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SessionReader } from '../sessions/session-reader.js';

export interface SessionRecord {
  session: SessionView;
  attendance: {
    /** Everyone with an attendance entry, by province then name: present or checked out. */
    delegates: {
      delegateId: string;
      name: string;
      constituency: string;
      present: boolean;
      recordedBy: 'self' | 'moderator';
      updatedAt: string;
    }[];
    /** Present seats against the seats of the assembly today (as the live board shows). */
    quorum: SessionSnapshot['attendance']['quorum'];
  };
  agenda: {
    id: string;
    position: number;
    kind: 'motion' | 'amendment' | 'report' | 'topic';
    title: string;
    status: 'pending' | 'in_debate' | 'voting' | 'done' | 'deferred';
    motionId: string | null;
    motionNumber: string | null;
  }[];
  /** Every speech, in the order given, with when the floor was asked for. */
  speeches: {
    id: string;
    itemId: string;
    delegateId: string;
    name: string;
    constituency: string;
    stance: 'pro' | 'contra' | 'point_of_order';
    requestedAt: string | null;
    startedAt: string;
    endsAt: string;
    endedAt: string | null;
    endedBy: 'timer' | 'moderator' | null;
  }[];
  /** Every vote, oldest first; ballots only once a vote is closed. */
  votes: VoteView[];
  resolutions: {
    id: string;
    number: string;
    title: string;
    issuedAt: string;
    motionId: string;
    voteId: string;
    complianceDeadline: string | null;
    digest: string;
  }[];
}

/** A session's full public record, read in one snapshot so every part agrees. */
@Injectable()
export class SessionRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: SessionReader,
  ) {}

  record(sessionId: string): Promise<SessionRecord> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const { sequence: _sequence, ...session } = await this.reader.session(m, sessionId);
      const delegates: SessionRecord['attendance']['delegates'] = await m.query(
        `SELECT a.delegate_id AS "delegateId", d.full_name AS name, c.name AS constituency, a.present,
           a.recorded_by AS "recordedBy", a.updated_at AS "updatedAt"
         FROM attendance a JOIN delegates d ON d.id = a.delegate_id
         JOIN constituencies c ON c.code = d.constituency_code
         WHERE a.session_id = $1 ORDER BY c.name, d.full_name, a.delegate_id`,
        [sessionId],
      );
      const { quorum } = await this.reader.attendance(m, sessionId);
      const agenda: SessionRecord['agenda'] = await m.query(
        `SELECT i.id, i.position, i.kind, i.title, i.status, i.motion_id AS "motionId",
           mo.number AS "motionNumber"
         FROM agenda_items i LEFT JOIN motions mo ON mo.id = i.motion_id
         WHERE i.session_id = $1 ORDER BY i.position`,
        [sessionId],
      );
      const speeches: SessionRecord['speeches'] = await m.query(
        `SELECT s.id, s.item_id AS "itemId", s.delegate_id AS "delegateId", d.full_name AS name,
           c.name AS constituency, s.stance, r.requested_at AS "requestedAt", s.started_at AS "startedAt",
           s.ends_at AS "endsAt", s.ended_at AS "endedAt", s.ended_by AS "endedBy"
         FROM speeches s JOIN delegates d ON d.id = s.delegate_id
         JOIN constituencies c ON c.code = d.constituency_code
         LEFT JOIN speaker_requests r ON r.id = s.request_id
         WHERE s.session_id = $1 ORDER BY s.started_at, s.id`,
        [sessionId],
      );
      const votes = await readSessionVotes(m, sessionId);
      const resolutions: SessionRecord['resolutions'] = await m.query(
        `SELECT id, number, title, issued_at AS "issuedAt", motion_id AS "motionId", vote_id AS "voteId",
           to_char(compliance_deadline, 'YYYY-MM-DD') AS "complianceDeadline", digest
         FROM resolutions WHERE session_id = $1 ORDER BY year, sequence`,
        [sessionId],
      );
      return { session, attendance: { delegates, quorum }, agenda, speeches, votes, resolutions };
    });
  }
}
