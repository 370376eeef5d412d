import { GENESIS_HASH, verifyChain, type ChainVerdict, type LedgerEvent } from '../ledger/hash-chain.js';
import { crossCheckResolution, type ResolutionDocument } from '../resolutions/resolution.js';
import type { BallotChoice, Tally } from '../votes/counting-rules.js';
import { verifySecretVote, type SecretBallot } from '../elections/secret-ballot.js';
import {
  crossCheckServedVote,
  VoteRecordAuditor,
  type AuditProblem,
  type ServedBallot,
} from '../votes/vote-audit.js';
import {
  ElectionRecordAuditor,
  servedParticipationDiffers,
  type ServedElectionBallots,
} from './election-facts.js';
import type { ServedFactCounts, ServedFactsSource } from './served-facts.js';
import { ServedFactsAuditor } from './served-facts-audit.js';

/** Where the verifier reads from: the public API over HTTP, or the database behind it. */
export interface RecordSource extends ServedFactsSource {
  ledgerPage(after: number): Promise<{ events: LedgerEvent[]; next: number | null }>;
  vote(voteId: string): Promise<{
    tally: Tally | null;
    ballots: ServedBallot[] | null;
    notVoted?: { delegateId: string }[] | null;
  } | null>;
  /** The served resolution; `objectives`/`institutions` are the codes its listings filter by. */
  resolution(number: string): Promise<{
    document: ResolutionDocument;
    digest: string;
    objectives: string[];
    institutions: string[];
  } | null>;
  resolutionNumbers(): Promise<string[]>;
  /** The published ballots of a closed election round, as served (null: not served). */
  electionBallots: ServedElectionBallots;
  /**
   * The published ballots of a closed secret question, as served (null: not served), and who the served
   * participation list says took part.
   */
  secretQuestionBallots(
    voteId: string,
  ): Promise<{ ballots: SecretBallot<BallotChoice>[]; participants: string[] } | null>;
}

export interface RecordVerdict extends ChainVerdict {
  votes: number;
  ballots: number;
  /** Of those, ballots the Mesa recorded for a delegate who voted by voice, hands or paper. */
  ballotsRecordedByMesa: number;
  resolutions: number;
  /** Versions of the reglamento in the record, and the closed votes recomputed under the one they opened with. */
  rulesVersions: number;
  votesUnderRules: number;
  /** Election rounds replayed (secret votes), their published ballots recounted, and elections decided. */
  electionRounds: number;
  secretBallots: number;
  electionsDecided: number;
  /** Secret questions closed, and their published ballots recounted under the vote's rule (ballots = participants). */
  secretQuestions: number;
  secretQuestionBallots: number;
  /** Every other public fact compared with the record: motions, sessions, compliance (see served-facts.ts). */
  served: ServedFactCounts;
  /** The first discrepancy of any kind: a broken link, a wrong tally, a served row that differs. */
  firstProblem: AuditProblem | null;
}

/**
 * Where a verification got to, to continue from (the server keeps it): the last event verified, and the
 * auditor with every vote's state so far. Only a verification that found nothing wrong leaves one.
 */
export interface RecordProgress {
  sequence: number;
  hash: string;
  checked: number;
  auditor: VoteRecordAuditor;
  elections: ElectionRecordAuditor;
  /** The served-facts auditor, and the last event it was given (it may be ahead: the catch-up). */
  facts: ServedFactsAuditor;
  factsUpTo: number;
}

/**
 * Recomputes the whole public record: every hash of the chain, every entitled-list hash, every ballot
 * commitment and every tally (with the recorded rule version), then checks that the ballots and
 * resolutions served beside the record say exactly what the record proves. With `resume`, the chain and
 * the vote audits continue after its last event instead of starting at genesis (`progress` is mutated).
 */
export async function verifyRecord(
  source: RecordSource,
  resume?: RecordProgress,
): Promise<RecordVerdict & { progress?: RecordProgress }> {
  const auditor = resume?.auditor ?? new VoteRecordAuditor();
  const elections = resume?.elections ?? new ElectionRecordAuditor();
  // Listed before the record is read: a resolution commits with its record event, so each listed one
  // must be in the record read afterwards (the other way round, a new one would be a false alarm).
  const served = await source.resolutionNumbers();
  const listings = { motionIds: await source.motionIds(), sessionIds: await source.sessionIds() };
  const facts = resume?.facts ?? new ServedFactsAuditor();
  let factsUpTo = resume?.factsUpTo ?? 0;
  const addFact = (event: LedgerEvent) => {
    if (event.sequence <= factsUpTo) return;
    facts.add(event);
    factsUpTo = event.sequence;
  };
  let from = resume ? { sequence: resume.sequence, hash: resume.hash } : { sequence: 0, hash: GENESIS_HASH };
  let checked = resume?.checked ?? 0;
  const verdict = (chain: ChainVerdict, firstProblem: AuditProblem | null): RecordVerdict => ({
    ...chain,
    checked,
    ok: chain.ok && !firstProblem,
    votes: auditor.votes.size,
    ballots: auditor.ballotsChecked,
    ballotsRecordedByMesa: auditor.ballotsRecordedByMesa,
    resolutions: [...auditor.votes.values()].filter((v) => v.resolution).length,
    rulesVersions: auditor.rulesVersionCount,
    votesUnderRules: auditor.votesUnderRules,
    electionRounds: elections.rounds.size,
    secretBallots: elections.ballotsChecked,
    secretQuestions: auditor.secretQuestions,
    secretQuestionBallots: auditor.secretQuestionBallots,
    electionsDecided: elections.decided,
    served: facts.counts(),
    firstProblem,
  });
  for (let after = from.sequence; ;) {
    const page = await source.ledgerPage(after);
    const chain = verifyChain(page.events, from);
    checked += chain.checked;
    for (const event of page.events.slice(0, chain.checked)) {
      // A secret question's participation and ballots are the vote auditor's; an election round's, the other's.
      const problem = auditor.add(event) ?? (auditor.ownsSecretEvent(event) ? null : elections.add(event));
      addFact(event);
      if (problem) return verdict({ ...chain, lastSequence: event.sequence, lastHash: event.hash }, problem);
    }
    if (!chain.ok) {
      const broken = chain.firstBroken!;
      return verdict(chain, {
        sequence: broken.sequence,
        voteId: null,
        problem: `broken link (${broken.problem})`,
      });
    }
    if (chain.lastSequence !== null) from = { sequence: chain.lastSequence, hash: chain.lastHash };
    if (page.next === null) break;
    after = page.next;
  }
  const chain: ChainVerdict = { ok: true, checked, lastSequence: from.sequence || null, lastHash: from.hash };
  const unfinished = auditor.finish();
  if (unfinished) return verdict(chain, unfinished);

  for (const audited of auditor.votes.values()) {
    if (!audited.closed) continue;
    const served = await source.vote(audited.voteId);
    if (!served)
      return verdict(chain, { sequence: null, voteId: audited.voteId, problem: 'closed vote is not served' });
    const problem = crossCheckServedVote(audited, {
      tally: served.tally,
      ballots: served.ballots ?? [],
      notVoted: served.notVoted,
    });
    if (problem) return verdict(chain, problem);
    if (audited.secret) {
      const fail = (text: string) =>
        verdict(chain, { sequence: null, voteId: audited.voteId, problem: text });
      const answer = await source.secretQuestionBallots(audited.voteId);
      if (!answer) return fail('closed secret question’s ballots are not served');
      const check = verifySecretVote<BallotChoice>({
        voteId: audited.voteId,
        published: answer.ballots,
        participants: audited.secret.participants,
        recorded: { ballots: audited.secret.ballots, ballotsHash: audited.secret.ballotsHash },
      });
      if (!check.ok) return fail(`secret question: ${check.finding.code}: ${check.finding.detail}`);
      const differs = servedParticipationDiffers(audited.secret.participants, answer.participants);
      if (differs) return fail(`secret question: ${differs}`);
    }
    if (audited.resolution) {
      const resolution = await source.resolution(audited.resolution.number);
      if (!resolution)
        return verdict(chain, {
          sequence: null,
          voteId: audited.voteId,
          problem: `resolution ${audited.resolution.number} is in the record but not served`,
        });
      const mismatch = crossCheckResolution(audited, resolution.document, resolution.digest);
      if (mismatch) return verdict(chain, mismatch);
      const same = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();
      if (
        !same(resolution.objectives, resolution.document.objectives) ||
        !same(
          resolution.institutions,
          resolution.document.institutions.map((i) => i.code),
        )
      )
        return verdict(chain, {
          sequence: null,
          voteId: audited.voteId,
          problem: `resolution ${audited.resolution.number}: listed objectives or institutions differ from its document`,
        });
    }
  }
  const electionProblem = await elections.crossCheckServed(source.electionBallots);
  if (electionProblem) return verdict(chain, electionProblem);
  const recorded = new Set(
    [...auditor.votes.values()].flatMap((v) => (v.resolution ? [v.resolution.number] : [])),
  );
  for (const number of served)
    if (!recorded.has(number))
      return verdict(chain, {
        sequence: null,
        voteId: null,
        problem: `resolution ${number} is served but not in the record`,
      });
  // Rows read after the record may show events recorded since: those are chained on and replayed too.
  let head = { sequence: from.sequence, hash: from.hash };
  const catchUp = async (): Promise<boolean> => {
    const page = await source.ledgerPage(head.sequence);
    const newer = verifyChain(page.events, head);
    for (const event of page.events.slice(0, newer.checked)) addFact(event);
    if (newer.lastSequence !== null) head = { sequence: newer.lastSequence, hash: newer.lastHash };
    return newer.checked > 0;
  };
  const problem = await facts.check(source, listings, catchUp);
  if (problem) return verdict(chain, problem);
  return {
    ...verdict(chain, null),
    progress: { sequence: from.sequence, hash: from.hash, checked, auditor, elections, facts, factsUpTo },
  };
}

/** One line for people: what was checked, or the first discrepancy and where it is. */
export function describeVerdict(verdict: RecordVerdict): string {
  if (verdict.ok)
    return `OK: ${verdict.checked} events verified; head ${verdict.lastSequence ?? 0} ${verdict.lastHash}\nOK: ${verdict.votes} votes, ${verdict.ballots} ballots${verdict.ballotsRecordedByMesa ? ` (${verdict.ballotsRecordedByMesa} recorded by the Mesa)` : ''} and ${verdict.resolutions} resolutions recomputed\n${verdict.electionRounds ? `OK: ${verdict.electionRounds} election rounds, ${verdict.secretBallots} secret ballots recounted (ballots = participants), ${verdict.electionsDecided} elections decided\n` : ''}${verdict.secretQuestions ? `OK: ${verdict.secretQuestions} secret questions, ${verdict.secretQuestionBallots} secret ballots recounted under their counting rule (ballots = participants)\n` : ''}OK: ${verdict.rulesVersions} reglamento versions; ${verdict.votesUnderRules} closed votes counted under the version they were opened with\n${describeServed(verdict.served)}`;
  if (verdict.firstBroken)
    return `BROKEN: event ${verdict.firstBroken.sequence} (${verdict.firstBroken.problem}); ${verdict.checked} events before it verified`;
  const problem = verdict.firstProblem!;
  const where = [
    problem.sequence !== null ? `event ${problem.sequence}` : null,
    problem.voteId ? `vote ${problem.voteId}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `DISCREPANCY: ${where ? `${where}: ` : ''}${problem.problem}`;
}

function describeServed(c: ServedFactCounts): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `OK: ${n(c.motions, 'motion', 'motions')} with ${n(c.motionVersions, 'version', 'versions')}, ${n(c.cosponsorships, 'co-sponsorship', 'co-sponsorships')}, ${n(c.sessions, 'session', 'sessions')} with ${n(c.agendaItems, 'agenda item', 'agenda items')}, ${n(c.attendanceRows, 'attendance row', 'attendance rows')}, ${n(c.speeches, 'speech', 'speeches')}, ${n(c.complianceReports, 'compliance report', 'compliance reports')} and ${n(c.evidenceFiles, 'evidence file', 'evidence files')} match the record`;
}
