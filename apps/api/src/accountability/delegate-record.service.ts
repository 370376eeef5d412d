import type { DelegateRecord } from '#contracts';
import { DomainError } from '#domain';
import { readDelegateAttendance, readDelegateHeading, readDelegateVotes } from '#persistence';
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
      const delegate = await readDelegateHeading(m, delegateId);
      if (!delegate) throw new DomainError('DELEGATE_NOT_FOUND');
      const sessions = await readDelegateAttendance(m, delegateId, delegate.termStart, delegate.termEnd);
      const votes = await readDelegateVotes(m, delegateId);
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
