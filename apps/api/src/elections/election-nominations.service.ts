import {
  actorOf,
  answerCandidacy,
  callElection,
  nominateCandidate,
  type CallElectionInput,
  type CandidacyView,
  type ElectionView,
} from '#application';
import { Injectable } from '@nestjs/common';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

/** Calling an election and its candidacies (libs/application/src/elections). */
@Injectable()
export class ElectionNominationsService {
  constructor(private readonly useCases: UseCaseRunner) {}

  call(user: AuthenticatedUser, input: CallElectionInput): Promise<ElectionView> {
    return this.useCases.run((uow) => callElection(uow, actorOf(user), input));
  }

  nominate(
    user: AuthenticatedUser,
    electionId: string,
    input: { candidateId?: string },
  ): Promise<CandidacyView> {
    return this.useCases.run((uow) => nominateCandidate(uow, user, electionId, input));
  }

  answer(
    user: AuthenticatedUser,
    electionId: string,
    candidacyId: string,
    answer: 'accept' | 'withdraw',
  ): Promise<CandidacyView> {
    return this.useCases.run((uow) => answerCandidacy(uow, user, electionId, candidacyId, answer));
  }
}
