import type { DelegateRecord } from '#contracts';
import { DomainError } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ratio } from './compliance-summary.js';

export type { DelegateRecord };

type Choice = NonNullable<DelegateRecord['votes'][number]['choice']>;

/** A delegate's public record: attendance rate and voting record. */
@Injectable()
export class DelegateRecordService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(delegateId: string): Promise<DelegateRecord> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [delegate]: DelegateRecord['delegate'][] = await m.query(
        `SELECT d.id, d.full_name AS "fullName", json_build_object('code', c.code, 'name', c.name) AS constituency,
           d.organization, to_char(d.term_start, 'YYYY-MM-DD') AS "termStart",
           to_char(d.term_end, 'YYYY-MM-DD') AS "termEnd", d.status,
           CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'fullName', t.full_name) END
             AS "alternateOf",
           CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'fullName', a.full_name) END
             AS alternate
         FROM delegates d JOIN constituencies c ON c.code = d.constituency_code
         LEFT JOIN delegates t ON t.id = d.alternate_of_id
         LEFT JOIN delegates a ON a.alternate_of_id = d.id
         WHERE d.id = $1`,
        [delegateId],
      );
      if (!delegate) throw new DomainError('DELEGATE_NOT_FOUND');
      // Sessions count from the day they opened in Cajamarca, against the delegate's term.
      const sessions: DelegateRecord['attendance']['sessions'] = await m.query(
        `SELECT s.id AS "sessionId", s.title, s.opened_at AS "openedAt", coalesce(a.present, false) AS present
         FROM sessions s LEFT JOIN attendance a ON a.session_id = s.id AND a.delegate_id = $1
         WHERE s.opened_at IS NOT NULL
           AND (s.opened_at AT TIME ZONE 'America/Lima')::date BETWEEN $2::date AND $3::date
         ORDER BY s.opened_at DESC, s.id`,
        [delegateId, delegate.termStart, delegate.termEnd],
      );
      const votes: DelegateRecord['votes'] = await m.query(
        `SELECT v.id AS "voteId", v.session_id AS "sessionId", v.kind, v.question, v.motion_id AS "motionId",
           mo.number AS "motionNumber", v.outcome, r.number AS "resolutionNumber", v.closed_at AS "closedAt",
           b.choice,
           CASE WHEN e.seat_titular_id <> e.delegate_id THEN e.seat_titular_id END AS "onBehalfOf"
         FROM vote_entitlements e
         JOIN votes v ON v.id = e.vote_id AND v.status = 'closed'
         LEFT JOIN ballots b ON b.vote_id = e.vote_id AND b.delegate_id = e.delegate_id
         LEFT JOIN motions mo ON mo.id = v.motion_id
         LEFT JOIN resolutions r ON r.vote_id = v.id
         WHERE e.delegate_id = $1
         ORDER BY v.closed_at DESC, v.id`,
        [delegateId],
      );
      const present = sessions.filter((s) => s.present).length;
      const count = (choice: Choice) => votes.filter((v) => v.choice === choice).length;
      const cast = votes.filter((v) => v.choice !== null).length;
      return {
        delegate,
        attendance: {
          openedSessions: sessions.length,
          present,
          absent: sessions.length - present,
          rate: ratio(present, sessions.length),
          sessions,
        },
        votes,
        votingSummary: {
          entitled: votes.length,
          cast,
          notVoted: votes.length - cast,
          yes: count('yes'),
          no: count('no'),
          abstain: count('abstain'),
          participationRate: ratio(cast, votes.length),
        },
      };
    });
  }
}
