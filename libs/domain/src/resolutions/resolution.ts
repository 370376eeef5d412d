import { canonicalJson } from '../ledger/canonical-json.js';
import { sha256Hex } from '../ledger/hash-chain.js';
import type { BallotChoice, CountingRule, Tally } from '../votes/counting-rules.js';
import { crossCheckServedVote, type AuditedVote, type AuditProblem } from '../votes/vote-audit.js';

export function formatResolutionNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || !Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`formatResolutionNumber: bad year ${year} or sequence ${sequence}`);
  }
  return `RES-APR-${year}-${String(sequence).padStart(4, '0')}`;
}

export const RESOLUTION_NUMBER_PATTERN = /^RES-APR-(\d{4})-(?!0000)(\d{4}|[1-9]\d{4,})$/;

/** The frozen, canonical form of a binding resolution; its digest is what the public record holds. */
export interface ResolutionDocument {
  number: string;
  issuedAt: string;
  sessionId: string;
  motion: { id: string; number: string; version: number };
  title: string;
  body: string;
  objectives: string[];
  institutions: { id: string; code: string; name: string }[];
  complianceDeadline: string | null;
  vote: {
    id: string;
    question: string;
    rule: CountingRule;
    ruleVersion: number;
    entitledListHash: string;
    tally: Tally;
    ballots: { delegateId: string; name: string; constituency: string; choice: BallotChoice }[];
  };
}

const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts every list so the same resolution always has the same canonical form. */
export function normaliseResolutionDocument(document: ResolutionDocument): ResolutionDocument {
  return {
    ...document,
    objectives: [...document.objectives].sort(),
    institutions: [...document.institutions].sort(
      (a, b) => byCodePoints(a.code, b.code) || byCodePoints(a.id, b.id),
    ),
    vote: {
      ...document.vote,
      ballots: [...document.vote.ballots].sort((a, b) => byCodePoints(a.delegateId, b.delegateId)),
    },
  };
}

/** SHA-256 of the canonical JSON of the document. */
export function resolutionDigest(document: ResolutionDocument): string {
  return sha256Hex(canonicalJson(document));
}

/** Checks a served resolution against the record: its digest, and its vote table against the ballots. */
export function crossCheckResolution(
  audited: AuditedVote,
  document: ResolutionDocument,
  servedDigest: string,
): AuditProblem | null {
  const fail = (problem: string): AuditProblem => ({ sequence: null, voteId: audited.voteId, problem });
  const recorded = audited.resolution;
  if (!recorded) return fail(`resolution ${document.number} is served but not in the record`);
  const digest = resolutionDigest(document);
  if (digest !== servedDigest)
    return fail(`resolution ${document.number}: served digest is not its document's`);
  if (digest !== recorded.digest)
    return fail(
      `resolution ${document.number}: document digest ${digest} differs from the record's ${recorded.digest}`,
    );
  const opened = audited.opened;
  if (
    document.number !== recorded.number ||
    document.motion.id !== recorded.motionId ||
    document.vote.id !== audited.voteId ||
    document.vote.entitledListHash !== opened.entitledListHash ||
    document.vote.rule !== opened.rule ||
    document.vote.ruleVersion !== opened.ruleVersion
  )
    return fail(`resolution ${document.number}: number, motion or vote differ from the record`);
  const voteProblem = crossCheckServedVote(audited, document.vote);
  return voteProblem
    ? { ...voteProblem, problem: `resolution ${document.number}: ${voteProblem.problem}` }
    : null;
}
