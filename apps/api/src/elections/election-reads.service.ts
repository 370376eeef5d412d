import { readElectionView, readElectionViews, type ElectionView } from '#application';
import { assemblyToday, DomainError, findBallot, parseTrackerCode } from '#domain';
import {
  readDelegateOfUser,
  readElection,
  readPublishedBallots,
  readRoundParticipation,
  readRounds,
  type RoundRow,
} from '#persistence';
import type {
  ElectionParticipationView,
  FoundBallotView,
  MyElectionStandingView,
  PublishedBallotsView,
} from '#contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type { ElectionParticipationView, FoundBallotView, MyElectionStandingView, PublishedBallotsView };

/** What anyone may read of an election: candidacies, participation (never how), published ballots. */
@Injectable()
export class ElectionReadsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(sessionId?: string): Promise<ElectionView[]> {
    return readElectionViews(this.dataSource, sessionId);
  }

  get(id: string): Promise<ElectionView> {
    return readElectionView(this.dataSource, id);
  }

  private async round(electionId: string, roundId: string): Promise<RoundRow> {
    if (!(await readElection(this.dataSource, electionId))) throw new DomainError('ELECTION_NOT_FOUND');
    const round = (await readRounds(this.dataSource, electionId)).find((r) => r.id === roundId.toLowerCase());
    if (!round) throw new DomainError('VOTE_NOT_FOUND');
    return round;
  }

  async participation(electionId: string, roundId: string): Promise<ElectionParticipationView> {
    const round = await this.round(electionId, roundId);
    const rows = await readRoundParticipation(this.dataSource, round.id);
    return {
      electionId: round.election_id,
      roundId: round.id,
      status: round.status,
      entitledCount: rows.length,
      participationCount: rows.filter((row) => row.has_voted).length,
      entitled: rows.map((row) => ({
        delegateId: row.delegate_id,
        fullName: row.full_name,
        constituency: { code: row.code, name: row.name },
        hasVoted: row.has_voted,
      })),
    };
  }

  async ballots(electionId: string, roundId: string): Promise<PublishedBallotsView> {
    const round = await this.round(electionId, roundId);
    if (round.status !== 'closed') throw new DomainError('ELECTION_NOT_CLOSED');
    return {
      electionId: round.election_id,
      roundId: round.id,
      ballots: await readPublishedBallots(this.dataSource, round.id),
    };
  }

  /** A delegate's own standing in the latest round: entitled, took part (never what they chose). */
  async myStanding(userId: string, electionId: string): Promise<MyElectionStandingView> {
    if (!(await readElection(this.dataSource, electionId))) throw new DomainError('ELECTION_NOT_FOUND');
    const delegateId = await readDelegateOfUser(this.dataSource, userId, assemblyToday());
    if (!delegateId) throw new DomainError('DELEGATE_NOT_ACTIVE');
    const round = (await readRounds(this.dataSource, electionId)).at(-1);
    if (!round) return { electionId, roundId: null, status: null, entitled: false, participated: false };
    const row = (await readRoundParticipation(this.dataSource, round.id)).find(
      (p) => p.delegate_id === delegateId,
    );
    return {
      electionId,
      roundId: round.id,
      status: round.status,
      entitled: row !== undefined,
      participated: row?.has_voted ?? false,
    };
  }

  /** A voter's check: their tracker among every closed round's published ballots. */
  async find(electionId: string, typed: string): Promise<FoundBallotView> {
    if (!(await readElection(this.dataSource, electionId))) throw new DomainError('ELECTION_NOT_FOUND');
    if (!parseTrackerCode(typed)) return { found: false, reason: 'malformed' };
    for (const round of await readRounds(this.dataSource, electionId)) {
      if (round.status !== 'closed') continue;
      const found = findBallot(await readPublishedBallots(this.dataSource, round.id), typed);
      if (found.found) return { ...found, roundId: round.id };
    }
    return { found: false, reason: 'absent' };
  }
}
