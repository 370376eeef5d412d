import type { MyBallotView, VoteParticipationView } from '#contracts';
import { assemblyToday, DomainError } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

interface StandingRow {
  entitled: boolean;
  titular_entitled: boolean;
  seated: boolean;
  choice: 'yes' | 'no' | 'abstain' | null;
  revision: number | null;
  receipt: string | null;
  cast_at: Date | null;
}

/** Where delegates stand in a vote: their own standing (delegate), and who has voted, never how (the board). */
@Injectable()
export class VoteStandingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async voteStatus(voteId: string): Promise<'open' | 'closed'> {
    const [vote]: { status: 'open' | 'closed' }[] = await this.dataSource.query(
      `SELECT status FROM votes WHERE id = $1`,
      [voteId],
    );
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    return vote.status;
  }

  async myBallot(user: AuthenticatedUser, voteId: string): Promise<MyBallotView> {
    const status = await this.voteStatus(voteId);
    // Seated: active and in term, and for an alternate, a titular who is too (as the seats of the assembly).
    const [row]: StandingRow[] = await this.dataSource.query(
      `SELECT
         EXISTS (SELECT 1 FROM vote_entitlements e WHERE e.vote_id = $1 AND e.delegate_id = d.id) AS entitled,
         (d.alternate_of_id IS NOT NULL AND EXISTS (
           SELECT 1 FROM vote_entitlements e WHERE e.vote_id = $1 AND e.delegate_id = d.alternate_of_id)) AS titular_entitled,
         (d.status = 'active' AND d.term_start <= $3 AND d.term_end >= $3 AND (d.alternate_of_id IS NULL OR EXISTS (
           SELECT 1 FROM delegates t WHERE t.id = d.alternate_of_id AND t.alternate_of_id IS NULL
             AND t.status = 'active' AND t.term_start <= $3 AND t.term_end >= $3))) AS seated,
         b.choice, b.revision, r.receipt, r.cast_at
       FROM delegates d
       LEFT JOIN ballots b ON b.vote_id = $1 AND b.delegate_id = d.id
       LEFT JOIN ballot_revisions r ON r.vote_id = b.vote_id AND r.delegate_id = b.delegate_id AND r.revision = b.revision
       WHERE d.user_id = $2`,
      [voteId, user.id, assemblyToday()],
    );
    // An account with the delegate role but no delegate record behind it.
    if (!row) throw new DomainError('DELEGATE_NOT_ACTIVE');
    return {
      voteId,
      status,
      entitled: row.entitled,
      reason: row.entitled
        ? null
        : row.titular_entitled
          ? 'titular_present'
          : row.seated
            ? 'absent_at_opening'
            : 'not_seated',
      ballot:
        row.choice && row.revision !== null && row.receipt && row.cast_at
          ? {
              choice: row.choice,
              revision: row.revision,
              receipt: row.receipt,
              castAt: row.cast_at.toISOString(),
            }
          : null,
    };
  }

  async participation(voteId: string): Promise<VoteParticipationView> {
    const status = await this.voteStatus(voteId);
    const rows: {
      delegate_id: string;
      full_name: string;
      code: string;
      name: string;
      has_voted: boolean;
    }[] = await this.dataSource.query(
      `SELECT e.delegate_id, d.full_name, c.code, c.name, (b.delegate_id IS NOT NULL) AS has_voted
       FROM vote_entitlements e
       JOIN delegates d ON d.id = e.delegate_id
       JOIN constituencies c ON c.code = d.constituency_code
       LEFT JOIN ballots b ON b.vote_id = e.vote_id AND b.delegate_id = e.delegate_id
       WHERE e.vote_id = $1
       ORDER BY c.name, d.full_name, e.delegate_id`,
      [voteId],
    );
    return {
      voteId,
      status,
      entitledCount: rows.length,
      castCount: rows.filter((row) => row.has_voted).length,
      entitled: rows.map((row) => ({
        delegateId: row.delegate_id,
        fullName: row.full_name,
        constituency: { code: row.code, name: row.name },
        hasVoted: row.has_voted,
      })),
    };
  }
}
