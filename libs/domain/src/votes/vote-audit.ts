import { canonicalJson } from '../ledger/canonical-json.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';
import { ballotCommitment, countedBallots } from './ballot-commitment.js';
import {
  COUNTING_RULES_VERSION,
  BALLOT_CHOICES,
  tally,
  tallySecret,
  TallyError,
  type BallotChoice,
  type Tally,
} from './counting-rules.js';
import { entitledListHash } from './entitlement.js';
import type {
  NewRecordEvent,
  RulesChangedPayload,
  SecretBallotsPublishedPayload,
  SecretParticipatedPayload,
  SecretQuestionPublishedPayload,
} from '../ledger/record-events.js';
import { participationHash, verifySecretVote, type SecretBallot } from '../elections/secret-ballot.js';
import { DomainError } from '../errors/domain-error.js';
import { countingRuleFor, decisionKindFor, type AssemblyRules } from '../rules/assembly-rules.js';

/** The API's and the database's clocks stamp the record and the rules' times; they may differ this much. */
const CLOCK_SLACK_MS = 1_000;
import {
  BALLOT_RECORDING_METHODS,
  type BallotCastPayload,
  type BallotRecordingMethod,
  type ResolutionIssuedPayload,
  type VoteClosedPayload,
  type VoteOpenedPayload,
} from './vote-record.js';

export interface AuditProblem {
  /** The record event where the discrepancy shows, or null when it is in data served beside the record. */
  sequence: number | null;
  voteId: string | null;
  problem: string;
}

/** What the record proves about a closed vote, to compare the served data against. */
export interface AuditedVote {
  voteId: string;
  opened: VoteOpenedPayload;
  closed: VoteClosedPayload | null;
  /** The choice that counts for each delegate who voted (known once closed). */
  counted: Map<string, BallotChoice>;
  /** For each counted ballot the Mesa recorded, how the delegate voted (known once closed). */
  countedRecordedBy: Map<string, BallotRecordingMethod>;
  resolution: ResolutionIssuedPayload | null;
  /** A secret question's close: who took part and the published (tracker, choice) list with its hash. */
  secret: {
    participants: string[];
    ballots: SecretBallot<BallotChoice>[];
    ballotsHash: string;
  } | null;
}

interface OpenVote {
  opened: VoteOpenedPayload;
  openedAt: number;
  /** The reglamento it was opened under (null: opened before the rules were data). */
  rules: AssemblyRules | null;
  entitled: Set<string>;
  /** delegate → commitments by revision (index 0 = revision 1). */
  commitments: Map<string, string[]>;
  /** `${delegate}#${revision}` → how the Mesa recorded that revision (absent: the delegate's own). */
  recordedBy: Map<string, BallotRecordingMethod>;
  /** A secret question: who has taken part so far, and its published ballots once recorded. */
  secret: {
    participants: Set<string>;
    published: SecretQuestionPublishedPayload | null;
  } | null;
}

/**
 * Replays the vote events of the public record in order and recomputes everything they claim: the
 * entitled-list hash, the ballot commitments, and each tally with the recorded rule and rule version,
 * under the reglamento version the vote was opened with: that version was in force, its rule applies to
 * the decision (or let the moderator choose), its minimum turnout decides, its minimum open time was kept.
 * Fed one event at a time, so a verifier can stream the record page by page.
 */
export class VoteRecordAuditor {
  private readonly open = new Map<string, OpenVote>();
  readonly votes = new Map<string, AuditedVote>();
  ballotsChecked = 0;
  /** Secret questions closed, and their published ballots recounted (ballots = participants). */
  secretQuestions = 0;
  secretQuestionBallots = 0;
  /** Of those, the ballots the Mesa recorded for a delegate (voice, hands or paper). */
  ballotsRecordedByMesa = 0;
  /** Closed votes whose tally was recomputed under the reglamento version they were opened with. */
  votesUnderRules = 0;
  firstProblem: AuditProblem | null = null;
  private readonly lastResolutionOfYear = new Map<number, number>();
  private readonly rulesVersions = new Map<number, RulesChangedPayload>();
  /** The kind each motion was admitted as (an added kind of the reglamento, or an ordinary motion). */
  private readonly admittedAs = new Map<string, string>();

  /** Returns the first problem found so far (sticky), or null while everything agrees. */
  add(event: LedgerEvent): AuditProblem | null {
    if (this.firstProblem) return this.firstProblem;
    try {
      const problem = this.check(event);
      if (problem) this.firstProblem = { sequence: event.sequence, ...problem };
    } catch (error) {
      this.firstProblem = {
        sequence: event.sequence,
        voteId: null,
        problem: `malformed ${event.type} payload (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    return this.firstProblem;
  }

  private check(event: LedgerEvent): Omit<AuditProblem, 'sequence'> | null {
    // The catalogue types the payloads (libs/domain/src/ledger/record-events.ts); other events are not votes'.
    const recorded = event as unknown as NewRecordEvent;
    const at = Date.parse(event.occurredAt);
    switch (recorded.type) {
      case 'rules.changed':
        return this.rulesChanged(recorded.payload);
      case 'motion.admitted':
        this.admittedAs.set(recorded.payload.motionId, recorded.payload.decision ?? 'motion');
        return null;
      case 'vote.opened':
        return this.opened(recorded.payload, at);
      case 'ballot.cast':
        return this.ballotCast(recorded.payload);
      case 'secret.participated':
        return this.ownsSecretEvent(recorded) ? this.secretParticipated(recorded.payload) : null;
      case 'secret.ballots_published':
        return this.ownsSecretEvent(recorded)
          ? this.secretPublished(recorded.payload as SecretQuestionPublishedPayload)
          : null;
      case 'vote.closed':
        return this.closed(recorded.payload, at);
      case 'resolution.issued':
        return this.resolutionIssued(recorded.payload);
      default:
        return null;
    }
  }

  /**
   * Whether a `secret.*` event is a secret question's (a vote this auditor opened), not an election
   * round's: the verifier gives the others to the elections' auditor.
   */
  ownsSecretEvent(event: { type: string; payload: unknown }): boolean {
    if (event.type !== 'secret.participated' && event.type !== 'secret.ballots_published') return false;
    const p = event.payload as SecretParticipatedPayload | SecretBallotsPublishedPayload;
    if ('electionId' in p && p.electionId !== undefined) return false;
    return this.votes.has(p.voteId);
  }

  private secretParticipated(p: SecretParticipatedPayload): Omit<AuditProblem, 'sequence'> | null {
    const vote = this.open.get(p.voteId);
    if (!vote) return { voteId: p.voteId, problem: 'participation in a secret question that is not open' };
    if (!vote.secret) return { voteId: p.voteId, problem: 'secret participation in a roll-call vote' };
    if (vote.secret.published)
      return { voteId: p.voteId, problem: 'participation after the ballots were published' };
    if (!vote.entitled.has(p.delegateId))
      return { voteId: p.voteId, problem: `participant ${p.delegateId} was not entitled` };
    if (vote.secret.participants.has(p.delegateId))
      return { voteId: p.voteId, problem: `participant ${p.delegateId} took part twice` };
    vote.secret.participants.add(p.delegateId);
    return null;
  }

  private secretPublished(p: SecretQuestionPublishedPayload): Omit<AuditProblem, 'sequence'> | null {
    const voteId = p.voteId;
    const vote = this.open.get(voteId);
    if (!vote?.secret)
      return { voteId, problem: 'ballots published for a vote that is not an open secret question' };
    if (vote.secret.published) return { voteId, problem: 'ballots published twice' };
    const participants = [...vote.secret.participants].sort();
    if (canonicalJson([...p.participants].sort()) !== canonicalJson(participants))
      return { voteId, problem: 'the participation list differs from the participations recorded' };
    if (participationHash(voteId, p.participants) !== p.participationHash)
      return { voteId, problem: 'the participation list does not match its hash' };
    const opened = vote.opened;
    const check = verifySecretVote<BallotChoice>({
      voteId,
      published: p.ballots,
      participants,
      entitled: [...vote.entitled],
      recorded: { ballots: p.ballots, ballotsHash: p.secretBallotsHash, result: p.outcome },
      isValidChoice: (choice) => (BALLOT_CHOICES as readonly unknown[]).includes(choice),
      recount: (choices) =>
        tallySecret({
          rule: opened.rule,
          entitled: opened.entitled,
          presentAtOpening: opened.presentAtOpening,
          seatedAtOpening: opened.seatedAtOpening,
          participants,
          choices,
          minimumTurnout: vote.rules?.minimumTurnout ?? null,
        }),
    });
    if (!check.ok) return { voteId, problem: `${check.finding.code}: ${check.finding.detail}` };
    vote.secret.published = p;
    return null;
  }

  private rulesChanged(p: RulesChangedPayload): Omit<AuditProblem, 'sequence'> | null {
    if (p.version !== this.rulesVersions.size + 1)
      return { voteId: null, problem: `reglamento version ${p.version} follows ${this.rulesVersions.size}` };
    this.rulesVersions.set(p.version, p);
    return null;
  }

  /** Problems with the reglamento a vote names, or its rules when they bear it out. */
  private rulesOfOpening(
    p: VoteOpenedPayload,
    at: number,
  ): { rules: AssemblyRules | null } | { problem: string } {
    if (p.rulesVersion === undefined) return { rules: null };
    const version = this.rulesVersions.get(p.rulesVersion);
    if (!version)
      return { problem: `opened under reglamento version ${p.rulesVersion}, absent from the record` };
    if (Date.parse(version.effectiveAt) > at + CLOCK_SLACK_MS)
      return { problem: `opened under reglamento version ${p.rulesVersion} before it took effect` };
    for (const later of this.rulesVersions.values())
      if (later.version > version.version && Date.parse(later.effectiveAt) < at - CLOCK_SLACK_MS)
        return {
          problem: `opened under reglamento version ${p.rulesVersion} when version ${later.version} was in force`,
        };
    if (p.kind === 'motion' && p.motionId) {
      const admitted = this.admittedAs.get(p.motionId) ?? 'motion';
      if ((p.decision ?? 'motion') !== admitted)
        return {
          problem: `counted as ${p.decision ?? 'motion'}, but the motion was admitted as ${admitted}`,
        };
    }
    try {
      const decision = decisionKindFor(version.rules, p.kind, p.decision);
      countingRuleFor(decision, p.rule);
      if ((decision.secret === true) !== (p.secret === true))
        return {
          problem: `opened as ${p.secret ? 'a secret' : 'a roll-call'} vote; reglamento version ${p.rulesVersion} says ${decision.kind} is voted ${decision.secret ? 'secretly' : 'by roll call'}`,
        };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        problem: `rule ${p.rule} for decision ${p.decision ?? p.kind} is not what reglamento version ${p.rulesVersion} allows (${error.code})`,
      };
    }
    return { rules: version.rules };
  }

  private opened(p: VoteOpenedPayload, at: number): Omit<AuditProblem, 'sequence'> | null {
    const voteId = p.voteId;
    if (this.votes.has(voteId)) return { voteId, problem: 'vote opened twice' };
    const reglamento = this.rulesOfOpening(p, at);
    if ('problem' in reglamento) return { voteId, problem: reglamento.problem };
    const sorted = [...p.entitled].sort();
    if (new Set(sorted).size !== sorted.length) return { voteId, problem: 'entitled list has duplicates' };
    if (entitledListHash(voteId, sorted) !== p.entitledListHash)
      return { voteId, problem: 'entitled-list hash does not match the listed delegates' };
    if (p.entitled.length !== p.presentAtOpening)
      return { voteId, problem: 'entitled list size differs from the seats present at opening' };
    this.open.set(voteId, {
      opened: p,
      openedAt: at,
      rules: reglamento.rules,
      entitled: new Set(sorted),
      commitments: new Map(),
      recordedBy: new Map(),
      secret: p.secret === true ? { participants: new Set(), published: null } : null,
    });
    this.votes.set(voteId, {
      voteId,
      opened: p,
      closed: null,
      counted: new Map(),
      countedRecordedBy: new Map(),
      resolution: null,
      secret: null,
    });
    return null;
  }

  private ballotCast(p: BallotCastPayload): Omit<AuditProblem, 'sequence'> | null {
    const vote = this.open.get(p.voteId);
    if (!vote) return { voteId: p.voteId, problem: 'ballot for a vote that is not open' };
    if (vote.secret) return { voteId: p.voteId, problem: 'a roll-call ballot in a secret question' };
    if (!vote.entitled.has(p.delegateId))
      return { voteId: p.voteId, problem: `ballot from ${p.delegateId}, who is not entitled` };
    const revisions = vote.commitments.get(p.delegateId) ?? [];
    if (p.revision !== revisions.length + 1)
      return {
        voteId: p.voteId,
        problem: `ballot revision ${p.revision} of ${p.delegateId} follows ${revisions.length}`,
      };
    if (p.recordedBy !== undefined) {
      if (!p.recordedBy || !(BALLOT_RECORDING_METHODS as readonly unknown[]).includes(p.recordedBy.method))
        return {
          voteId: p.voteId,
          problem: `ballot revision ${p.revision} of ${p.delegateId} names no known way the Mesa recorded it`,
        };
      vote.recordedBy.set(`${p.delegateId}#${p.revision}`, p.recordedBy.method);
      this.ballotsRecordedByMesa += 1;
    }
    revisions.push(p.commitment);
    vote.commitments.set(p.delegateId, revisions);
    this.ballotsChecked += 1;
    return null;
  }

  private closed(p: VoteClosedPayload, at: number): Omit<AuditProblem, 'sequence'> | null {
    const voteId = p.voteId;
    const vote = this.open.get(voteId);
    if (!vote) return { voteId, problem: 'vote closed without being open' };
    this.open.delete(voteId);
    const minimumOpen = (vote.rules?.minimumOpenSeconds ?? 0) * 1000;
    // The Mesa sets the deadline too, so a close by the deadline is held to the same minimum.
    if (at - vote.openedAt < minimumOpen - CLOCK_SLACK_MS)
      return {
        voteId,
        problem: `closed (${p.closedBy === 'moderator' ? 'by the moderator' : 'at its deadline'}) after ${Math.round((at - vote.openedAt) / 1000)} s; its reglamento asks ${minimumOpen / 1000} s`,
      };
    if (vote.secret) return this.closedSecret(vote, p);
    const cast = [...vote.commitments.values()].reduce((n, list) => n + list.length, 0);
    if (p.revisions.length !== cast)
      return { voteId, problem: `${p.revisions.length} ballot revisions revealed, ${cast} were cast` };
    const revealed = new Set<string>();
    for (const reveal of p.revisions) {
      const key = `${reveal.delegateId}#${reveal.revision}`;
      if (revealed.has(key))
        return {
          voteId,
          problem: `ballot of ${reveal.delegateId} (revision ${reveal.revision}) revealed twice`,
        };
      revealed.add(key);
      const commitment = vote.commitments.get(reveal.delegateId)?.[reveal.revision - 1];
      if (!commitment || ballotCommitment(voteId, reveal) !== commitment)
        return {
          voteId,
          problem: `revealed ballot of ${reveal.delegateId} (revision ${reveal.revision}) does not match its commitment`,
        };
    }
    if (p.tally.ruleVersion !== COUNTING_RULES_VERSION)
      return { voteId, problem: `counting rule version ${p.tally.ruleVersion} is unknown to this verifier` };
    if (p.tally.ruleVersion !== vote.opened.ruleVersion || p.tally.rule !== vote.opened.rule)
      return { voteId, problem: 'tally uses another rule or rule version than the vote opened with' };
    const countedReveals = [...countedBallots(p.revisions)];
    const counted = new Map(countedReveals.map(([id, reveal]) => [id, reveal.choice]));
    let recomputed: Tally;
    try {
      recomputed = tally({
        rule: vote.opened.rule,
        entitled: vote.opened.entitled,
        presentAtOpening: vote.opened.presentAtOpening,
        seatedAtOpening: vote.opened.seatedAtOpening,
        ballots: counted,
        minimumTurnout: vote.rules?.minimumTurnout ?? null,
      });
    } catch (error) {
      if (error instanceof TallyError)
        return { voteId, problem: `tally cannot be recomputed: ${error.message}` };
      throw error;
    }
    if (canonicalJson(recomputed) !== canonicalJson(p.tally))
      return {
        voteId,
        problem: `recorded tally ${describe(p.tally)} differs from the recomputed ${describe(recomputed)}`,
      };
    if (vote.rules) this.votesUnderRules += 1;
    const audited = this.votes.get(voteId)!;
    audited.closed = p;
    audited.counted = counted;
    for (const [id, reveal] of countedReveals) {
      const method = vote.recordedBy.get(`${id}#${reveal.revision}`);
      if (method) audited.countedRecordedBy.set(id, method);
    }
    return null;
  }

  /** A secret question's `vote.closed`: after its published ballots, with their tally and no revisions. */
  private closedSecret(vote: OpenVote, p: VoteClosedPayload): Omit<AuditProblem, 'sequence'> | null {
    const voteId = p.voteId;
    const published = vote.secret!.published;
    if (!published) return { voteId, problem: 'secret question closed without its ballots published' };
    if (p.revisions.length > 0)
      return { voteId, problem: 'a secret question’s close reveals roll-call ballots' };
    if (p.tally.ruleVersion !== COUNTING_RULES_VERSION)
      return { voteId, problem: `counting rule version ${p.tally.ruleVersion} is unknown to this verifier` };
    if (p.tally.ruleVersion !== vote.opened.ruleVersion || p.tally.rule !== vote.opened.rule)
      return { voteId, problem: 'tally uses another rule or rule version than the vote opened with' };
    // The published outcome was recounted from the ballots (secretPublished); the close must carry it.
    if (canonicalJson(p.tally) !== canonicalJson(published.outcome))
      return {
        voteId,
        problem: `recorded tally ${describe(p.tally)} differs from the published ballots' ${describe(published.outcome)}`,
      };
    if (vote.rules) this.votesUnderRules += 1;
    this.secretQuestions += 1;
    this.secretQuestionBallots += published.ballots.length;
    const audited = this.votes.get(voteId)!;
    audited.closed = p;
    audited.secret = {
      participants: published.participants,
      ballots: published.ballots,
      ballotsHash: published.secretBallotsHash,
    };
    return null;
  }

  private resolutionIssued(p: ResolutionIssuedPayload): Omit<AuditProblem, 'sequence'> | null {
    const vote = this.votes.get(p.voteId);
    if (!vote?.closed)
      return { voteId: p.voteId, problem: `resolution ${p.number} cites a vote that is not closed` };
    if (vote.closed.tally.outcome !== 'adopted' || vote.opened.kind !== 'motion')
      return { voteId: p.voteId, problem: `resolution ${p.number} issued for a motion that was not adopted` };
    if (vote.opened.motionId !== p.motionId)
      return { voteId: p.voteId, problem: `resolution ${p.number} names another motion than the vote` };
    if (vote.resolution) return { voteId: p.voteId, problem: `second resolution ${p.number} for one vote` };
    const number = /^RES-APR-(\d{4})-(\d{4,})$/.exec(p.number);
    if (!number) return { voteId: p.voteId, problem: `resolution number ${p.number} is malformed` };
    const [year, sequence] = [Number(number[1]), Number(number[2])];
    const last = this.lastResolutionOfYear.get(year) ?? 0;
    if (sequence !== last + 1)
      return {
        voteId: p.voteId,
        problem: `resolution ${p.number} follows number ${last} of ${year}: numbering has a gap`,
      };
    this.lastResolutionOfYear.set(year, sequence);
    vote.resolution = p;
    return null;
  }

  /**
   * Once the whole record is read: every adopted motion has its resolution (both are written by the
   * transaction that closes the vote, so the record never holds one without the other).
   */
  finish(): AuditProblem | null {
    if (this.firstProblem) return this.firstProblem;
    for (const vote of this.votes.values()) {
      if (
        vote.closed &&
        vote.opened.kind === 'motion' &&
        vote.closed.tally.outcome === 'adopted' &&
        !vote.resolution
      )
        return (this.firstProblem = {
          sequence: null,
          voteId: vote.voteId,
          problem: 'adopted motion without a resolution',
        });
    }
    return null;
  }

  /** Versions of the reglamento the record holds. */
  get rulesVersionCount(): number {
    return this.rulesVersions.size;
  }

  /** Votes opened in the record and never closed (normal while a vote is running). */
  openVoteIds(): string[] {
    return [...this.open.keys()];
  }
}

function describe(t: Tally): string {
  return `${t.counts.yes}/${t.counts.no}/${t.counts.abstain} (yes/no/abstain), ${t.required} required, ${t.outcome}`;
}

export interface ServedBallot {
  delegateId: string;
  choice: BallotChoice;
  /** Served since the Mesa may record ballots; absent from older answers (then not compared). */
  recordedBy?: { method: BallotRecordingMethod } | null;
}

/**
 * Compares what the API serves for a closed vote (the stored ballots and tally) with what the record
 * proves. Names the first differing ballot row.
 */
export function crossCheckServedVote(
  audited: AuditedVote,
  served: {
    tally: Tally | null;
    ballots: readonly ServedBallot[];
    /** The entitled served as not having voted; absent from older answers (then not compared). */
    notVoted?: readonly { delegateId: string }[] | null;
  },
): AuditProblem | null {
  const fail = (problem: string): AuditProblem => ({ sequence: null, voteId: audited.voteId, problem });
  if (!audited.closed) return null;
  if (audited.secret) {
    if (served.ballots.length > 0) return fail('a secret question is served with ballots by name');
    if (!served.tally || canonicalJson(served.tally) !== canonicalJson(audited.closed.tally))
      return fail('served tally differs from the recorded tally');
    return null;
  }
  const seen = new Set<string>();
  for (const ballot of served.ballots) {
    if (seen.has(ballot.delegateId)) return fail(`ballot row of ${ballot.delegateId} is served twice`);
    seen.add(ballot.delegateId);
    const recorded = audited.counted.get(ballot.delegateId);
    if (recorded !== ballot.choice)
      return fail(
        `ballot row of delegate ${ballot.delegateId} says "${ballot.choice}" but the record says "${recorded ?? 'no ballot'}"`,
      );
    if (ballot.recordedBy !== undefined) {
      const servedMethod = ballot.recordedBy?.method ?? null;
      const inRecord = audited.countedRecordedBy.get(ballot.delegateId) ?? null;
      const say = (method: string | null) =>
        method ? `recorded by the Mesa (${method})` : "the delegate's own";
      if (servedMethod !== inRecord)
        return fail(
          `ballot row of delegate ${ballot.delegateId} says ${say(servedMethod)} but the record says ${say(inRecord)}`,
        );
    }
  }
  for (const delegateId of audited.counted.keys())
    if (!seen.has(delegateId))
      return fail(`ballot of delegate ${delegateId} is in the record but not served`);
  if (served.notVoted) {
    const entitled = new Set(audited.opened.entitled);
    const listed = new Set<string>();
    for (const { delegateId } of served.notVoted) {
      if (listed.has(delegateId)) return fail(`non-voter ${delegateId} is served twice`);
      listed.add(delegateId);
      if (!entitled.has(delegateId))
        return fail(`delegate ${delegateId} is served as not having voted but was not entitled`);
      if (audited.counted.has(delegateId))
        return fail(`delegate ${delegateId} is served as not having voted but the record has their ballot`);
    }
    for (const delegateId of entitled)
      if (!audited.counted.has(delegateId) && !listed.has(delegateId))
        return fail(`entitled delegate ${delegateId} cast no ballot but is not served as a non-voter`);
  }
  if (!served.tally || canonicalJson(served.tally) !== canonicalJson(audited.closed.tally))
    return fail('served tally differs from the recorded tally');
  return null;
}
