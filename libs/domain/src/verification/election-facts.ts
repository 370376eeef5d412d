import {
  checkElectionBallot,
  type ElectionBallotSpec,
  type ElectionChoice,
} from '../elections/election-method.js';
import {
  countElectionRound,
  decideElection,
  decideFirstRound,
  decideRunoff,
  ElectionCountError,
  runoffSpec,
  type FirstRoundOutcome,
} from '../elections/election-outcome.js';
import { participationHash, verifySecretVote, type SecretBallot } from '../elections/secret-ballot.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';
import type {
  ElectionDecidedPayload,
  ElectionOpenedPayload,
  SecretBallotsPublishedPayload,
  SecretParticipatedPayload,
} from '../ledger/record-events.js';
import { entitledListHash } from '../votes/entitlement.js';
import type { AuditProblem } from '../votes/vote-audit.js';

/** What the record proves about one round of an election. */
export interface AuditedElectionRound {
  electionId: string;
  roundId: string;
  round: 'first' | 'runoff';
  spec: ElectionBallotSpec;
  entitled: Set<string>;
  participants: Set<string>;
  /** The hash of the first round's `election.opened` event: the seed of any drawing of lots. */
  seed: string;
  closed: { ballots: SecretBallot<ElectionChoice>[]; ballotsHash: string; outcome: unknown } | null;
}

/** Where the served ballots of a closed round are read (null: not served). */
export type ServedElectionBallots = (
  electionId: string,
  roundId: string,
) => Promise<{ ballots: SecretBallot<ElectionChoice>[]; participants: string[] } | null>;

/**
 * The participation list as served (who the public is told took part) against the record's: a name
 * dropped from it, or added, would let a voter believe they did not vote, or someone that another did.
 */
export function servedParticipationDiffers(
  recorded: Iterable<string>,
  served: readonly string[],
): string | null {
  const want = new Set(recorded);
  const got = new Set(served);
  const missing = [...want].filter((id) => !got.has(id)).sort();
  const extra = [...got].filter((id) => !want.has(id)).sort();
  if (!missing.length && !extra.length && got.size === served.length) return null;
  const parts = [
    missing.length ? `leaves out ${missing.join(', ')}` : '',
    extra.length ? `adds ${extra.join(', ')}` : '',
    got.size < served.length ? 'names someone twice' : '',
  ].filter(Boolean);
  return `participation_served_differs: the served list ${parts.join(' and ')}`;
}

const specOf = (
  p: Pick<ElectionOpenedPayload, 'method' | 'seats' | 'maxChoices' | 'candidates'>,
): ElectionBallotSpec => ({
  method: p.method,
  seats: p.seats,
  candidates: [...p.candidates].sort(),
  ...(p.maxChoices !== null ? { maxChoices: p.maxChoices } : {}),
});

/**
 * Replays the elections of the record: each round's entitled list against its hash, every
 * participation against the entitled list (once each), and at each close the published ballots —
 * their hash, one per participant, each one the method accepts — recounted with the domain's rules to
 * the outcome recorded; a run-off's ballot is the one the first round called; the decision is what both
 * rounds' ballots give. Then (`crossCheckServed`) the ballots served beside the record must be the
 * recorded ones, ballot by ballot.
 */
export class ElectionRecordAuditor {
  readonly rounds = new Map<string, AuditedElectionRound>();
  private readonly firstOf = new Map<string, AuditedElectionRound>();
  ballotsChecked = 0;
  decided = 0;

  add(event: LedgerEvent): AuditProblem | null {
    const problem = (text: string, roundId: string | null, electionId: string) => ({
      sequence: event.sequence,
      voteId: roundId,
      problem: `election ${electionId}: ${text}`,
    });
    switch (event.type) {
      case 'election.opened': {
        const p = event.payload as ElectionOpenedPayload;
        if (entitledListHash(p.roundId, p.entitled) !== p.entitledListHash)
          return problem('the entitled list does not match its hash', p.roundId, p.electionId);
        const spec = specOf(p);
        const first = this.firstOf.get(p.electionId);
        if (p.round === 'runoff') {
          if (!first?.closed)
            return problem('a run-off opens before its first round closed', p.roundId, p.electionId);
          const expected = runoffSpec(first.spec, first.closed.outcome as FirstRoundOutcome);
          if (
            canonicalJson({ ...expected, candidates: [...expected.candidates].sort() }) !==
            canonicalJson(spec)
          )
            return problem('the run-off is not the one the first round called', p.roundId, p.electionId);
        } else if (first) return problem('a second first round', p.roundId, p.electionId);
        const round: AuditedElectionRound = {
          electionId: p.electionId,
          roundId: p.roundId,
          round: p.round,
          spec,
          entitled: new Set(p.entitled),
          participants: new Set(),
          seed: first?.seed ?? event.hash,
          closed: null,
        };
        this.rounds.set(p.roundId, round);
        if (p.round === 'first') this.firstOf.set(p.electionId, round);
        return null;
      }
      case 'secret.participated': {
        const p = event.payload as SecretParticipatedPayload;
        const round = this.rounds.get(p.voteId);
        if (!round)
          return {
            sequence: event.sequence,
            voteId: p.voteId,
            problem: 'participation in a secret vote never opened',
          };
        if (round.closed) return problem('participation after the close', round.roundId, round.electionId);
        if (!round.entitled.has(p.delegateId))
          return problem(`participant ${p.delegateId} was not entitled`, round.roundId, round.electionId);
        if (round.participants.has(p.delegateId))
          return problem(`participant ${p.delegateId} took part twice`, round.roundId, round.electionId);
        round.participants.add(p.delegateId);
        return null;
      }
      case 'secret.ballots_published': {
        const p = event.payload as SecretBallotsPublishedPayload;
        const round = this.rounds.get(p.voteId);
        if (!round || round.electionId !== p.electionId)
          return {
            sequence: event.sequence,
            voteId: p.voteId,
            problem: `election ${p.electionId}: ballots of a round never opened`,
          };
        if (round.closed) return problem('the round is closed twice', round.roundId, round.electionId);
        const participants = [...round.participants].sort();
        if (canonicalJson([...p.participants].sort()) !== canonicalJson(participants))
          return problem(
            'the participation list differs from the participations recorded',
            round.roundId,
            round.electionId,
          );
        if (participationHash(round.roundId, p.participants) !== p.participationHash)
          return problem('the participation list does not match its hash', round.roundId, round.electionId);
        const first = this.firstOf.get(round.electionId)!;
        const check = verifySecretVote<ElectionChoice>({
          voteId: round.roundId,
          published: p.ballots,
          participants,
          entitled: [...round.entitled],
          recorded: { ballots: p.ballots, ballotsHash: p.secretBallotsHash, result: p.outcome },
          isValidChoice: (choice) => checkElectionBallot(round.spec, choice).ok,
          recount: (choices) => {
            const count = countElectionRound(round.spec, choices);
            return round.round === 'first'
              ? decideFirstRound(round.spec, count)
              : decideRunoff(round.spec, count, first.closed!.outcome as FirstRoundOutcome, round.seed);
          },
        });
        if (!check.ok)
          return problem(`${check.finding.code}: ${check.finding.detail}`, round.roundId, round.electionId);
        this.ballotsChecked += p.ballots.length;
        round.closed = { ballots: p.ballots, ballotsHash: p.secretBallotsHash, outcome: p.outcome };
        return null;
      }
      case 'election.decided': {
        const p = event.payload as ElectionDecidedPayload;
        const first = this.firstOf.get(p.electionId);
        const runoff = [...this.rounds.values()].find(
          (r) => r.electionId === p.electionId && r.round === 'runoff',
        );
        if (!first?.closed || (runoff && !runoff.closed))
          return problem('decided before its rounds closed', null, p.electionId);
        try {
          const outcome = decideElection({
            spec: first.spec,
            firstRound: first.closed.ballots.map((b) => b.choice),
            ...(runoff ? { runoff: runoff.closed!.ballots.map((b) => b.choice) } : {}),
            seed: first.seed,
          });
          if (outcome.pending || canonicalJson(outcome) !== canonicalJson(p.outcome))
            return problem('the recorded result differs from the one the ballots give', null, p.electionId);
        } catch (error) {
          if (error instanceof ElectionCountError) return problem(error.message, null, p.electionId);
          throw error;
        }
        this.decided += 1;
        return null;
      }
      default:
        return null;
    }
  }

  /** The ballots served for each closed round are the recorded ones (a voter's and anyone's recount). */
  async crossCheckServed(served: ServedElectionBallots): Promise<AuditProblem | null> {
    for (const round of this.rounds.values()) {
      if (!round.closed) continue;
      const problem = (text: string) => ({
        sequence: null,
        voteId: round.roundId,
        problem: `election ${round.electionId} (${round.round} round): ${text}`,
      });
      const answer = await served(round.electionId, round.roundId);
      if (!answer) return problem('closed round’s ballots are not served');
      const check = verifySecretVote<ElectionChoice>({
        voteId: round.roundId,
        published: answer.ballots,
        participants: [...round.participants],
        recorded: { ballots: round.closed.ballots, ballotsHash: round.closed.ballotsHash },
      });
      if (!check.ok) return problem(`${check.finding.code}: ${check.finding.detail}`);
      const differs = servedParticipationDiffers(round.participants, answer.participants);
      if (differs) return problem(differs);
    }
    return null;
  }
}
