import { GENESIS_HASH, sealEvent, sha256Hex, verifyChain, type LedgerEvent } from '../ledger/hash-chain.js';
import type { RulesChangedPayload } from '../ledger/record-events.js';
import { initialAssemblyRules, type AssemblyRules } from '../rules/assembly-rules.js';
import { ballotCommitment, countedBallots, type BallotReveal } from './ballot-commitment.js';
import {
  COUNTING_RULES_VERSION,
  tally,
  type BallotChoice,
  type CountingRule,
  type Tally,
} from './counting-rules.js';
import { entitledListHash } from './entitlement.js';
import {
  crossCheckServedVote,
  VoteRecordAuditor,
  type AuditedVote,
  type ServedBallot,
} from './vote-audit.js';
import {
  type BallotCastPayload,
  type ResolutionIssuedPayload,
  type VoteClosedPayload,
  type VoteOpenedPayload,
} from './vote-record.js';

// ---------------------------------------------------------------------------------------------------
// Building a consistent public record
// ---------------------------------------------------------------------------------------------------

interface VoteSpec {
  voteId: string;
  entitled: string[];
  /** In cast order; a delegate appearing again changes their ballot (next revision). */
  casts: [delegateId: string, choice: BallotChoice][];
  rule?: CountingRule;
  kind?: VoteOpenedPayload['kind'];
  motionId?: string | null;
  seated?: number;
}

interface BuiltVote {
  opened: VoteOpenedPayload;
  casts: BallotCastPayload[];
  reveals: BallotReveal[];
  closed: VoteClosedPayload;
  resolution: ResolutionIssuedPayload;
}

const nonceOf = (voteId: string, delegateId: string, revision: number) =>
  sha256Hex(`nonce/${voteId}/${delegateId}/${revision}`).slice(0, 32);

function reveal(voteId: string, delegateId: string, revision: number, choice: BallotChoice): BallotReveal {
  return { delegateId, revision, choice, nonce: nonceOf(voteId, delegateId, revision) };
}

function castOf(voteId: string, r: BallotReveal): BallotCastPayload {
  return { voteId, delegateId: r.delegateId, revision: r.revision, commitment: ballotCommitment(voteId, r) };
}

/** The tally a (possibly tampered) closing event would have to carry to look consistent. */
function tallyFor(opened: VoteOpenedPayload, reveals: readonly BallotReveal[]) {
  return tally({
    rule: opened.rule,
    entitled: opened.entitled,
    presentAtOpening: opened.presentAtOpening,
    seatedAtOpening: opened.seatedAtOpening,
    ballots: new Map([...countedBallots(reveals)].map(([id, r]) => [id, r.choice])),
  });
}

function buildVote(spec: VoteSpec): BuiltVote {
  const entitled = [...spec.entitled].sort();
  const opened: VoteOpenedPayload = {
    voteId: spec.voteId,
    sessionId: 'session-1',
    itemId: `item-${spec.voteId}`,
    motionId: spec.motionId === undefined ? 'motion-1' : spec.motionId,
    kind: spec.kind ?? 'motion',
    question: `¿Aprueba la moción (${spec.voteId})?`,
    rule: spec.rule ?? 'simple',
    ruleVersion: COUNTING_RULES_VERSION,
    presentAtOpening: entitled.length,
    seatedAtOpening: spec.seated ?? entitled.length,
    entitled,
    entitledListHash: entitledListHash(spec.voteId, entitled),
    deadline: null,
  };
  const revisionOf = new Map<string, number>();
  const reveals = spec.casts.map(([delegateId, choice]) => {
    const revision = (revisionOf.get(delegateId) ?? 0) + 1;
    revisionOf.set(delegateId, revision);
    return reveal(spec.voteId, delegateId, revision, choice);
  });
  const casts = reveals.map((r) => castOf(spec.voteId, r));
  const sorted = [...reveals].sort((a, b) =>
    a.delegateId === b.delegateId ? a.revision - b.revision : a.delegateId < b.delegateId ? -1 : 1,
  );
  const closed: VoteClosedPayload = {
    voteId: spec.voteId,
    closedBy: 'moderator',
    tally: tallyFor(opened, sorted),
    revisions: sorted,
  };
  const resolution: ResolutionIssuedPayload = {
    resolutionId: `resolution-${spec.voteId}`,
    number: 'RES-APR-2026-0001',
    motionId: opened.motionId ?? 'motion-1',
    voteId: spec.voteId,
    digest: sha256Hex(`document of ${spec.voteId}`),
  };
  return { opened, casts, reveals, closed, resolution };
}

interface Item {
  type: string;
  payload: unknown;
}
const opened = (p: VoteOpenedPayload): Item => ({ type: 'vote.opened', payload: p });
const cast = (p: BallotCastPayload): Item => ({ type: 'ballot.cast', payload: p });
const closed = (p: VoteClosedPayload): Item => ({ type: 'vote.closed', payload: p });
const issued = (p: ResolutionIssuedPayload): Item => ({
  type: 'resolution.issued',
  payload: p,
});
const other = (type: string): Item => ({ type, payload: { sessionId: 'session-1' } });

/** Seals the items into a hash chain, sequence numbers from 1. */
function seal(items: readonly Item[]): LedgerEvent[] {
  let previous = GENESIS_HASH;
  return items.map((item, index) => {
    const event = sealEvent(
      {
        sequence: index + 1,
        type: item.type,
        subject: 'session-1',
        payload: item.payload,
        actor: null,
        occurredAt: new Date(Date.UTC(2026, 3, 14, 15, 0, index)).toISOString(),
      },
      previous,
    );
    previous = event.hash;
    return event;
  });
}

function audit(items: readonly Item[]) {
  const auditor = new VoteRecordAuditor();
  const returned = seal(items).map((event) => auditor.add(event));
  return { auditor, returned };
}

/**
 * The standard record: five entitled delegates, simple majority. d1 and d2 start with "no" and change
 * to "yes" (d1 through an abstention), d3 says no, d4 abstains, d5 does not vote. The last revisions
 * give 2 yes / 1 no → adopted; the first revisions alone would give 0 yes / 3 no → rejected.
 *
 *   1 session.opened  2 vote.opened  3..9 ballot.cast (7)  10 vote.closed  11 resolution.issued
 */
function standard(): BuiltVote {
  return buildVote({
    voteId: 'v-1',
    entitled: ['d5', 'd3', 'd1', 'd4', 'd2'],
    casts: [
      ['d1', 'no'],
      ['d2', 'no'],
      ['d3', 'no'],
      ['d1', 'abstain'],
      ['d4', 'abstain'],
      ['d1', 'yes'],
      ['d2', 'yes'],
    ],
  });
}
const itemsOf = (v: BuiltVote): Item[] => [
  other('session.opened'),
  opened(v.opened),
  ...v.casts.map(cast),
  closed(v.closed),
  issued(v.resolution),
];

// ---------------------------------------------------------------------------------------------------

describe('VoteRecordAuditor: a consistent record', () => {
  it('builds a record that is a valid hash chain and the expected tally', () => {
    const v = standard();
    expect(verifyChain(seal(itemsOf(v))).ok).toBe(true);
    expect(v.closed.tally).toMatchObject({
      counts: { yes: 2, no: 1, abstain: 1, notVoted: 1 },
      required: 2,
      outcome: 'adopted',
    });
  });

  it('passes, counts every ballot revision and keeps the last revision of each delegate', () => {
    const v = standard();
    const { auditor, returned } = audit(itemsOf(v));
    expect(returned).toEqual(Array.from({ length: 11 }, () => null));
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.ballotsChecked).toBe(7);
    expect(auditor.openVoteIds()).toEqual([]);
    expect([...auditor.votes.keys()]).toEqual(['v-1']);
    const audited = auditor.votes.get('v-1')!;
    expect(audited.opened).toEqual(v.opened);
    expect(audited.closed).toEqual(v.closed);
    expect(audited.resolution).toEqual(v.resolution);
    expect(audited.counted).toEqual(
      new Map<string, BallotChoice>([
        ['d1', 'yes'],
        ['d2', 'yes'],
        ['d3', 'no'],
        ['d4', 'abstain'],
      ]),
    );
  });

  it('follows interleaved votes, ignores unrelated events and reports the vote still open', () => {
    const a = standard();
    const b = buildVote({
      voteId: 'v-2',
      kind: 'procedural',
      motionId: null,
      rule: 'two_thirds_cast',
      entitled: ['d1', 'd2', 'd3', 'd4', 'd5'],
      casts: [
        ['d2', 'yes'],
        ['d1', 'yes'],
        ['d3', 'no'],
        ['d2', 'no'],
        ['d2', 'yes'],
      ],
    });
    const c = buildVote({ voteId: 'v-3', entitled: ['d1', 'd2'], casts: [['d1', 'no']] });
    const items: Item[] = [
      other('session.opened'),
      opened(a.opened),
      opened(b.opened),
      cast(a.casts[0]!),
      cast(b.casts[0]!),
      cast(b.casts[1]!),
      other('attendance.checked_in'),
      cast(a.casts[1]!),
      cast(b.casts[2]!),
      ...a.casts.slice(2).map(cast),
      cast(b.casts[3]!),
      closed(a.closed),
      cast(b.casts[4]!),
      closed(b.closed),
      issued(a.resolution),
      opened(c.opened),
      cast(c.casts[0]!),
      other('speech.ended'),
    ];
    const { auditor } = audit(items);
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.ballotsChecked).toBe(7 + 5 + 1);
    expect(auditor.openVoteIds()).toEqual(['v-3']);
    expect(auditor.votes.get('v-2')!.counted).toEqual(
      new Map<string, BallotChoice>([
        ['d1', 'yes'],
        ['d2', 'yes'],
        ['d3', 'no'],
      ]),
    );
    expect(auditor.votes.get('v-2')!.closed!.tally).toMatchObject({ required: 2, outcome: 'adopted' });
    expect(auditor.votes.get('v-2')!.resolution).toBeNull();
    // An open vote proves nothing yet about its ballots.
    expect(auditor.votes.get('v-3')).toMatchObject({ closed: null, counted: new Map() });
  });

  it('accepts a vote nobody voted in (rejected, no resolution)', () => {
    const v = buildVote({ voteId: 'v-empty', entitled: ['d1', 'd2', 'd3'], casts: [] });
    const { auditor } = audit([opened(v.opened), closed(v.closed)]);
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.ballotsChecked).toBe(0);
    expect(auditor.votes.get('v-empty')!.closed!.tally).toMatchObject({
      counts: { yes: 0, no: 0, abstain: 0, notVoted: 3 },
      outcome: 'rejected',
    });
  });
});

describe('VoteRecordAuditor: tampering with the opening', () => {
  it('detects an entitled-list hash that does not match the listed delegates', () => {
    const v = standard();
    v.opened.entitledListHash = entitledListHash('v-1', ['d1', 'd2', 'd3', 'd4']);
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 2,
      voteId: 'v-1',
      problem: 'entitled-list hash does not match the listed delegates',
    });
  });

  it('detects a delegate swapped into the list under the published hash', () => {
    const v = standard();
    v.opened.entitled = ['d1', 'd2', 'd3', 'd4', 'd6'];
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({
      sequence: 2,
      problem: expect.stringMatching(/entitled-list hash/),
    });
  });

  it('detects a hash published for another vote id', () => {
    const v = standard();
    v.opened.entitledListHash = entitledListHash('v-2', v.opened.entitled);
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({ sequence: 2, voteId: 'v-1' });
  });

  it('detects an entitled list whose size differs from the seats present', () => {
    const v = standard();
    v.opened.presentAtOpening = 6;
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 2,
      voteId: 'v-1',
      problem: 'entitled list size differs from the seats present at opening',
    });
  });

  it('detects a duplicated entitled delegate even with a matching hash', () => {
    const v = standard();
    v.opened.entitled = ['d1', 'd1', 'd2', 'd3', 'd4', 'd5'];
    v.opened.entitledListHash = entitledListHash('v-1', v.opened.entitled);
    v.opened.presentAtOpening = 6;
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 2,
      voteId: 'v-1',
      problem: 'entitled list has duplicates',
    });
  });

  it('detects a vote opened twice', () => {
    const v = standard();
    const items = itemsOf(v);
    items.splice(3, 0, opened(v.opened));
    expect(audit(items).auditor.firstProblem).toEqual({
      sequence: 4,
      voteId: 'v-1',
      problem: 'vote opened twice',
    });
  });
});

describe('VoteRecordAuditor: tampering with the ballots', () => {
  it('detects a ballot from a delegate who is not entitled', () => {
    const v = standard();
    const items = itemsOf(v);
    items.splice(4, 0, cast(castOf('v-1', reveal('v-1', 'd9', 1, 'yes'))));
    expect(audit(items).auditor.firstProblem).toEqual({
      sequence: 5,
      voteId: 'v-1',
      problem: 'ballot from d9, who is not entitled',
    });
  });

  it('detects a first ballot recorded as revision 2 (a gap)', () => {
    const v = standard();
    v.casts[0]!.revision = 2;
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 3,
      voteId: 'v-1',
      problem: 'ballot revision 2 of d1 follows 0',
    });
  });

  it('detects a skipped revision in a change of ballot', () => {
    const v = standard();
    v.casts[5]!.revision = 4; // d1's third ballot, at sequence 8
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 8,
      voteId: 'v-1',
      problem: 'ballot revision 4 of d1 follows 2',
    });
  });

  it('detects a replayed ballot (same revision twice)', () => {
    const v = standard();
    const items = itemsOf(v);
    items.splice(3, 0, cast(v.casts[0]!));
    expect(audit(items).auditor.firstProblem).toEqual({
      sequence: 4,
      voteId: 'v-1',
      problem: 'ballot revision 1 of d1 follows 1',
    });
  });

  it('detects a ballot cast after the vote closed', () => {
    const v = standard();
    const items = itemsOf(v);
    items.splice(10, 0, cast(castOf('v-1', reveal('v-1', 'd5', 1, 'no'))));
    const { auditor } = audit(items);
    expect(auditor.firstProblem).toEqual({
      sequence: 11,
      voteId: 'v-1',
      problem: 'ballot for a vote that is not open',
    });
    expect(auditor.ballotsChecked).toBe(7);
  });

  it('detects a ballot for a vote that was never opened', () => {
    const v = standard();
    const items = itemsOf(v);
    items.splice(1, 0, cast(castOf('v-1', reveal('v-1', 'd1', 1, 'yes'))));
    expect(audit(items).auditor.firstProblem).toMatchObject({
      sequence: 2,
      problem: 'ballot for a vote that is not open',
    });
  });
});

describe('VoteRecordAuditor: tampering with the closing', () => {
  const d3 = (v: BuiltVote) => v.closed.revisions.findIndex((r) => r.delegateId === 'd3');

  it('detects a revealed choice that does not match its commitment (tally made consistent)', () => {
    const v = standard();
    v.closed.revisions[d3(v)]!.choice = 'yes';
    v.closed.tally = tallyFor(v.opened, v.closed.revisions);
    expect(v.closed.tally.counts.yes).toBe(3); // the forged tally is self-consistent
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 10,
      voteId: 'v-1',
      problem: 'revealed ballot of d3 (revision 1) does not match its commitment',
    });
  });

  it('detects a revealed nonce that does not match its commitment', () => {
    const v = standard();
    v.closed.revisions[d3(v)]!.nonce = 'f'.repeat(32);
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({
      sequence: 10,
      problem: expect.stringMatching(/revealed ballot of d3 \(revision 1\)/),
    });
  });

  it('detects a revealed revision that was never cast', () => {
    const v = standard();
    v.closed.revisions[d3(v)] = reveal('v-1', 'd3', 2, 'no');
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({
      sequence: 10,
      problem: 'revealed ballot of d3 (revision 2) does not match its commitment',
    });
  });

  it('detects a missing reveal', () => {
    const v = standard();
    v.closed.revisions.splice(d3(v), 1);
    v.closed.tally = tallyFor(v.opened, v.closed.revisions);
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 10,
      voteId: 'v-1',
      problem: '6 ballot revisions revealed, 7 were cast',
    });
  });

  it('detects an extra reveal', () => {
    const v = standard();
    v.closed.revisions.push(reveal('v-1', 'd5', 1, 'yes'));
    v.closed.tally = tallyFor(v.opened, v.closed.revisions);
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 10,
      voteId: 'v-1',
      problem: '8 ballot revisions revealed, 7 were cast',
    });
  });

  // A regression found in review: revealing one revision twice must not hide another delegate's ballot
  // (2 yes / 2 no, rejected, with d3's "no" revealed twice instead of d4's and a forged 2–1 tally).
  it('detects a reveal given twice in place of another ballot', () => {
    const v = buildVote({
      voteId: 'v-4',
      entitled: ['d1', 'd2', 'd3', 'd4'],
      casts: [
        ['d1', 'yes'],
        ['d2', 'yes'],
        ['d3', 'no'],
        ['d4', 'no'],
      ],
    });
    expect(v.closed.tally.outcome).toBe('rejected');
    v.closed.revisions = [v.reveals[0]!, v.reveals[1]!, v.reveals[2]!, v.reveals[2]!];
    v.closed.tally = tallyFor(v.opened, v.closed.revisions);
    expect(v.closed.tally.outcome).toBe('adopted');
    const { auditor } = audit([
      opened(v.opened),
      ...v.casts.map(cast),
      closed(v.closed),
      issued(v.resolution),
    ]);
    expect(auditor.firstProblem).toMatchObject({
      sequence: 6,
      voteId: 'v-4',
      problem: 'ballot of d3 (revision 1) revealed twice',
    });
  });

  it('detects a flipped outcome', () => {
    const v = standard();
    v.closed.tally = { ...v.closed.tally, outcome: 'rejected' };
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 10,
      voteId: 'v-1',
      problem:
        'recorded tally 2/1/1 (yes/no/abstain), 2 required, rejected differs from the recomputed 2/1/1 (yes/no/abstain), 2 required, adopted',
    });
  });

  it('detects changed counts', () => {
    const v = standard();
    v.closed.tally = { ...v.closed.tally, counts: { yes: 3, no: 0, abstain: 1, notVoted: 1 } };
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({
      sequence: 10,
      problem: expect.stringMatching(/^recorded tally 3\/0\/1 .* differs from the recomputed 2\/1\/1/),
    });
  });

  it.each([
    ['notVoted', (t: VoteClosedPayload['tally']) => ({ ...t, counts: { ...t.counts, notVoted: 0 } })],
    ['required', (t: VoteClosedPayload['tally']) => ({ ...t, required: 1 })],
    ['base', (t: VoteClosedPayload['tally']) => ({ ...t, base: { kind: 'present' as const, size: 5 } })],
    ['rule', (t: VoteClosedPayload['tally']) => ({ ...t, rule: 'two_thirds_cast' as const })],
  ])('detects a changed %s in the recorded tally', (_field, change) => {
    const v = standard();
    v.closed.tally = change(v.closed.tally);
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({
      sequence: 10,
      problem: expect.stringMatching(
        /^(recorded tally .* differs from the recomputed|tally uses another rule or rule version than the vote opened with)/,
      ),
    });
  });

  it('detects a tally recomputed under another rule than the one announced at opening', () => {
    const v = standard();
    // Under absolute_present, 2 yes of 5 present fails; the record claims that instead of simple.
    v.closed.tally = tally({
      rule: 'absolute_present',
      entitled: v.opened.entitled,
      presentAtOpening: 5,
      seatedAtOpening: 5,
      ballots: new Map([...countedBallots(v.closed.revisions)].map(([id, r]) => [id, r.choice])),
    });
    expect(audit(itemsOf(v)).auditor.firstProblem).toMatchObject({ sequence: 10, voteId: 'v-1' });
  });

  it('refuses an unknown rule version', () => {
    const v = standard();
    v.closed.tally = { ...v.closed.tally, ruleVersion: COUNTING_RULES_VERSION + 1 };
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 10,
      voteId: 'v-1',
      problem: `counting rule version ${COUNTING_RULES_VERSION + 1} is unknown to this verifier`,
    });
  });

  it('detects a close for a vote that was never opened, and a second close', () => {
    const v = standard();
    const never = itemsOf(v);
    never.splice(1, 0, closed({ ...v.closed, voteId: 'v-404' }));
    expect(audit(never).auditor.firstProblem).toEqual({
      sequence: 2,
      voteId: 'v-404',
      problem: 'vote closed without being open',
    });
    const twice = itemsOf(v);
    twice.splice(10, 0, closed(v.closed));
    expect(audit(twice).auditor.firstProblem).toMatchObject({
      sequence: 11,
      problem: 'vote closed without being open',
    });
  });
});

describe('VoteRecordAuditor: resolutions', () => {
  it('refuses a resolution for a rejected vote', () => {
    const v = buildVote({
      voteId: 'v-5',
      entitled: ['d1', 'd2', 'd3'],
      casts: [
        ['d1', 'yes'],
        ['d2', 'no'],
      ],
    });
    expect(v.closed.tally.outcome).toBe('rejected');
    const { auditor } = audit([
      opened(v.opened),
      ...v.casts.map(cast),
      closed(v.closed),
      issued(v.resolution),
    ]);
    expect(auditor.firstProblem).toEqual({
      sequence: 5,
      voteId: 'v-5',
      problem: 'resolution RES-APR-2026-0001 issued for a motion that was not adopted',
    });
  });

  it.each(['procedural', 'amendment'] as const)('refuses a resolution for an adopted %s vote', (kind) => {
    const v = buildVote({
      voteId: 'v-6',
      kind,
      motionId: kind === 'procedural' ? null : 'amendment-1',
      entitled: ['d1', 'd2', 'd3'],
      casts: [
        ['d1', 'yes'],
        ['d2', 'yes'],
      ],
    });
    expect(v.closed.tally.outcome).toBe('adopted');
    const { auditor } = audit([
      opened(v.opened),
      ...v.casts.map(cast),
      closed(v.closed),
      issued(v.resolution),
    ]);
    expect(auditor.firstProblem).toMatchObject({
      sequence: 5,
      voteId: 'v-6',
      problem: expect.stringMatching(/not adopted/),
    });
  });

  it('refuses a resolution naming another motion than the vote', () => {
    const v = standard();
    v.resolution.motionId = 'motion-2';
    expect(audit(itemsOf(v)).auditor.firstProblem).toEqual({
      sequence: 11,
      voteId: 'v-1',
      problem: 'resolution RES-APR-2026-0001 names another motion than the vote',
    });
  });

  it('refuses a second resolution for one vote', () => {
    const v = standard();
    const items = [
      ...itemsOf(v),
      issued({ ...v.resolution, resolutionId: 'r-2', number: 'RES-APR-2026-0002' }),
    ];
    const { auditor } = audit(items);
    expect(auditor.firstProblem).toEqual({
      sequence: 12,
      voteId: 'v-1',
      problem: 'second resolution RES-APR-2026-0002 for one vote',
    });
    expect(auditor.votes.get('v-1')!.resolution!.number).toBe('RES-APR-2026-0001');
  });

  it('refuses a resolution issued before its vote closed, or for an unknown vote', () => {
    const v = standard();
    const early = itemsOf(v);
    const resolution = early.pop()!;
    early.splice(9, 0, resolution);
    expect(audit(early).auditor.firstProblem).toEqual({
      sequence: 10,
      voteId: 'v-1',
      problem: 'resolution RES-APR-2026-0001 cites a vote that is not closed',
    });
    const unknown = itemsOf(v);
    unknown.push(issued({ ...v.resolution, voteId: 'v-404' }));
    expect(audit(unknown).auditor.firstProblem).toMatchObject({ sequence: 12, voteId: 'v-404' });
  });
});

describe('VoteRecordAuditor: malformed payloads and stickiness', () => {
  it.each([
    [2, 'vote.opened'],
    [3, 'ballot.cast'],
    [10, 'vote.closed'],
    [11, 'resolution.issued'],
  ])('a null payload at %i (%s) is a problem, not a throw', (sequence, type) => {
    const items = itemsOf(standard());
    expect(items[sequence - 1]!.type).toBe(type);
    items[sequence - 1] = { type, payload: null };
    const auditor = new VoteRecordAuditor();
    const events = seal(items);
    for (const event of events) expect(() => auditor.add(event)).not.toThrow();
    expect(auditor.firstProblem).toMatchObject({
      sequence,
      voteId: null,
      problem: expect.stringMatching(new RegExp(`^malformed ${type.replace('.', '\\.')} payload \\(.+\\)$`)),
    });
  });

  it.each([
    ['an opening without its entitled list', 2, (v: BuiltVote) => ({ ...v.opened, entitled: undefined })],
    ['a closing without its tally', 10, (v: BuiltVote) => ({ ...v.closed, tally: undefined })],
    ['a closing without its revisions', 10, (v: BuiltVote) => ({ ...v.closed, revisions: undefined })],
  ])('%s is a malformed-payload problem', (_label, sequence, change) => {
    const v = standard();
    const items = itemsOf(v);
    items[sequence - 1] = { type: items[sequence - 1]!.type, payload: change(v) };
    const auditor = new VoteRecordAuditor();
    for (const event of seal(items)) expect(() => auditor.add(event)).not.toThrow();
    expect(auditor.firstProblem).toMatchObject({ sequence, problem: expect.stringMatching(/^malformed /) });
  });

  it('keeps the first problem whatever comes after it', () => {
    const v = standard();
    const items = itemsOf(v);
    items.splice(4, 0, cast(castOf('v-1', reveal('v-1', 'd9', 1, 'yes')))); // problem at 5
    items.push(opened({ ...v.opened, entitledListHash: 'x' })); // another problem at 13
    const auditor = new VoteRecordAuditor();
    const returned = seal(items).map((event) => auditor.add(event));
    const first = auditor.firstProblem!;
    expect(first).toMatchObject({ sequence: 5, problem: 'ballot from d9, who is not entitled' });
    expect(returned.slice(0, 4)).toEqual([null, null, null, null]);
    for (const later of returned.slice(4)) expect(later).toBe(first);
    // Later events are not even looked at.
    expect(auditor.ballotsChecked).toBe(2);
    expect(auditor.votes.get('v-1')!.closed).toBeNull();
    expect(auditor.add(seal([other('anything')])[0]!)).toBe(first);
  });

  it('keeps a malformed-payload problem too', () => {
    const items = itemsOf(standard());
    items[2] = { type: 'ballot.cast', payload: null };
    const { auditor, returned } = audit(items);
    expect(auditor.firstProblem).toMatchObject({ sequence: 3 });
    for (const later of returned.slice(2)) expect(later).toBe(auditor.firstProblem);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('crossCheckServedVote', () => {
  function audited(): AuditedVote {
    const { auditor } = audit(itemsOf(standard()));
    expect(auditor.firstProblem).toBeNull();
    return auditor.votes.get('v-1')!;
  }
  // Served data arrives as JSON: a deep copy, never the record's own objects.
  const servedOf = (a: AuditedVote) => ({
    tally: JSON.parse(JSON.stringify(a.closed!.tally)) as Tally,
    ballots: [...a.counted].map(([delegateId, choice]): ServedBallot => ({ delegateId, choice })),
  });

  it('agrees with identical data, in any row order', () => {
    const a = audited();
    const served = servedOf(a);
    expect(served.ballots).toHaveLength(4);
    expect(crossCheckServedVote(a, served)).toBeNull();
    expect(crossCheckServedVote(a, { ...served, ballots: [...served.ballots].reverse() })).toBeNull();
  });

  it('checks the served non-voters against the entitled list: each of them, and only them', () => {
    const a = audited();
    const served = servedOf(a);
    expect(crossCheckServedVote(a, { ...served, notVoted: [{ delegateId: 'd5' }] })).toBeNull();
    const problem = (notVoted: { delegateId: string }[]) =>
      crossCheckServedVote(a, { ...served, notVoted })?.problem;
    expect(problem([])).toBe('entitled delegate d5 cast no ballot but is not served as a non-voter');
    expect(problem([{ delegateId: 'd5' }, { delegateId: 'd1' }])).toBe(
      'delegate d1 is served as not having voted but the record has their ballot',
    );
    expect(problem([{ delegateId: 'd5' }, { delegateId: 'd9' }])).toBe(
      'delegate d9 is served as not having voted but was not entitled',
    );
    expect(problem([{ delegateId: 'd5' }, { delegateId: 'd5' }])).toBe('non-voter d5 is served twice');
  });

  it('names the delegate whose served choice differs', () => {
    const a = audited();
    const served = servedOf(a);
    served.ballots = served.ballots.map((b) => (b.delegateId === 'd3' ? { ...b, choice: 'yes' } : b));
    expect(crossCheckServedVote(a, served)).toEqual({
      sequence: null,
      voteId: 'v-1',
      problem: 'ballot row of delegate d3 says "yes" but the record says "no"',
    });
  });

  it('detects a ballot of the record that is not served', () => {
    const a = audited();
    const served = servedOf(a);
    served.ballots = served.ballots.filter((b) => b.delegateId !== 'd4');
    expect(crossCheckServedVote(a, served)).toEqual({
      sequence: null,
      voteId: 'v-1',
      problem: 'ballot of delegate d4 is in the record but not served',
    });
  });

  it('detects a ballot served twice', () => {
    const a = audited();
    const served = servedOf(a);
    served.ballots = [...served.ballots, { delegateId: 'd2', choice: 'yes' }];
    expect(crossCheckServedVote(a, served)).toEqual({
      sequence: null,
      voteId: 'v-1',
      problem: 'ballot row of d2 is served twice',
    });
  });

  it.each(['d5', 'd9'])('detects a served ballot of %s that is not in the record', (delegateId) => {
    const a = audited();
    const served = servedOf(a);
    served.ballots = [...served.ballots, { delegateId, choice: 'no' }];
    expect(crossCheckServedVote(a, served)).toEqual({
      sequence: null,
      voteId: 'v-1',
      problem: `ballot row of delegate ${delegateId} says "no" but the record says "no ballot"`,
    });
  });

  it('detects a served tally that differs from the record, or is missing', () => {
    const a = audited();
    const problem = {
      sequence: null,
      voteId: 'v-1',
      problem: 'served tally differs from the recorded tally',
    };
    const flipped = servedOf(a);
    flipped.tally = { ...flipped.tally, outcome: 'rejected' };
    expect(crossCheckServedVote(a, flipped)).toEqual(problem);
    const counts = servedOf(a);
    counts.tally = { ...counts.tally, counts: { ...counts.tally.counts, abstain: 2 } };
    expect(crossCheckServedVote(a, counts)).toEqual(problem);
    expect(crossCheckServedVote(a, { ...servedOf(a), tally: null })).toEqual(problem);
  });

  it('has nothing to compare while the vote is still open', () => {
    const v = standard();
    const { auditor } = audit([opened(v.opened), ...v.casts.map(cast)]);
    expect(
      crossCheckServedVote(auditor.votes.get('v-1')!, {
        tally: null,
        ballots: [{ delegateId: 'd1', choice: 'no' }],
      }),
    ).toBeNull();
  });
});

describe('VoteRecordAuditor: resolution numbering and completeness', () => {
  const adopted = (voteId: string, number: string, motionId: string) => {
    const v = buildVote({ voteId, entitled: ['d1', 'd2'], casts: [['d1', 'yes']], motionId });
    v.resolution = { ...v.resolution, number, motionId };
    return v;
  };
  const items = (v: BuiltVote) => [
    opened(v.opened),
    ...v.casts.map(cast),
    closed(v.closed),
    issued(v.resolution),
  ];

  it('accepts consecutive numbers, restarting each year', () => {
    const { auditor } = audit([
      ...items(adopted('v-a', 'RES-APR-2026-0001', 'm-a')),
      ...items(adopted('v-b', 'RES-APR-2026-0002', 'm-b')),
      ...items(adopted('v-c', 'RES-APR-2027-0001', 'm-c')),
    ]);
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.finish()).toBeNull();
  });

  it('names a gap in the numbering of a year', () => {
    const { auditor } = audit([
      ...items(adopted('v-a', 'RES-APR-2026-0001', 'm-a')),
      ...items(adopted('v-b', 'RES-APR-2026-0003', 'm-b')),
    ]);
    expect(auditor.firstProblem).toEqual({
      sequence: 8,
      voteId: 'v-b',
      problem: 'resolution RES-APR-2026-0003 follows number 1 of 2026: numbering has a gap',
    });
  });

  it('names an adopted motion whose resolution never reached the record', () => {
    const v = adopted('v-a', 'RES-APR-2026-0001', 'm-a');
    const { auditor } = audit([opened(v.opened), ...v.casts.map(cast), closed(v.closed)]);
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.finish()).toEqual({
      sequence: null,
      voteId: 'v-a',
      problem: 'adopted motion without a resolution',
    });
  });
});

describe('VoteRecordAuditor: under the reglamento a vote was opened with', () => {
  const base = initialAssemblyRules({
    quorum: { numerator: 1, denominator: 2 },
    cosponsorThreshold: 2,
    speechSeconds: 180,
    deadlineLeadDays: 14,
  });
  const strict: AssemblyRules = {
    ...base,
    decisions: base.decisions.map((d) =>
      d.kind === 'motion' ? { ...d, rule: 'absolute_present', moderatorMayChoose: false } : d,
    ),
    minimumTurnout: { numerator: 1, denominator: 2 },
    minimumOpenSeconds: 5,
  };
  const rulesChanged = (
    version: number,
    rules: AssemblyRules,
    effectiveAt = '2026-04-14T14:00:00.000Z',
  ): Item => ({
    type: 'rules.changed',
    payload: { version, effectiveAt, rules, note: '' } satisfies RulesChangedPayload,
  });
  /** Six entitled, d1..d3 yes: absolute_present needs 4 → rejected; with 3 yes of 6 the turnout (1/2) is met. */
  function underRules(
    rules: AssemblyRules,
    changes: Partial<VoteOpenedPayload> = {},
    closedBy: 'moderator' | 'deadline' = 'moderator',
  ) {
    const built = buildVote({
      voteId: 'v-r',
      entitled: ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'],
      casts: [
        ['d1', 'yes'],
        ['d2', 'yes'],
        ['d3', 'yes'],
      ],
      rule: changes.rule ?? 'absolute_present',
    });
    const openedPayload = { ...built.opened, rulesVersion: 1, decision: 'motion', ...changes };
    const recount = tally({
      rule: openedPayload.rule,
      entitled: openedPayload.entitled,
      presentAtOpening: openedPayload.presentAtOpening,
      seatedAtOpening: openedPayload.seatedAtOpening,
      ballots: new Map([...countedBallots(built.closed.revisions)].map(([id, r]) => [id, r.choice])),
      minimumTurnout: rules.minimumTurnout,
    });
    return { built, openedPayload, closedPayload: { ...built.closed, closedBy, tally: recount } };
  }
  const record = (rules: AssemblyRules, v: ReturnType<typeof underRules>, pad = 0): Item[] => [
    rulesChanged(1, rules),
    other('session.opened'),
    opened(v.openedPayload),
    ...v.built.casts.map(cast),
    ...Array.from({ length: pad }, () => other('speech.started')),
    closed(v.closedPayload),
  ];

  it('passes a vote counted under its version, the turnout and the open time included', () => {
    const v = underRules(strict);
    expect(v.closedPayload.tally.turnout).toEqual({ cast: 3, required: 3 });
    const { auditor } = audit(record(strict, v, 2));
    expect(auditor.finish()).toBeNull();
  });

  it('detects a rule the reglamento does not let the moderator choose', () => {
    const v = underRules(strict, { rule: 'simple' });
    const { auditor } = audit(record(strict, v, 2));
    expect(auditor.firstProblem?.problem).toMatch(
      /rule simple for decision motion is not what reglamento version 1 allows \(RULE_NOT_ALLOWED\)/,
    );
    expect(auditor.firstProblem?.sequence).toBe(3);
  });

  it('detects a tally that ignores the minimum turnout', () => {
    const rules: AssemblyRules = { ...strict, minimumTurnout: { numerator: 2, denominator: 3 } };
    const v = underRules(
      { ...rules, minimumTurnout: null },
      { rule: 'simple', decision: 'amendment', kind: 'amendment' },
    );
    expect(v.closedPayload.tally.outcome).toBe('adopted');
    const { auditor } = audit(record(rules, v, 5));
    expect(auditor.firstProblem?.problem).toMatch(
      /recorded tally 3\/0\/0 .* adopted differs from the recomputed/,
    );
  });

  it('detects a close before the minimum open time, by the moderator or by a deadline set shorter', () => {
    const rules: AssemblyRules = { ...strict, minimumOpenSeconds: 60 };
    const early = audit(record(rules, underRules(rules), 2)).auditor;
    expect(early.firstProblem?.problem).toMatch(
      /closed \(by the moderator\) after 6 s; its reglamento asks 60 s/,
    );
    // The Mesa sets the deadline too: one shorter than the minimum is no way around it.
    expect(audit(record(rules, underRules(rules, {}, 'deadline'), 2)).auditor.firstProblem?.problem).toMatch(
      /closed \(at its deadline\) after 6 s/,
    );
    expect(audit(record(strict, underRules(strict, {}, 'deadline'), 2)).auditor.finish()).toBeNull();
  });

  it('counts a motion as the kind it was admitted as, and no other', () => {
    const withBudget: AssemblyRules = {
      ...strict,
      decisions: [
        ...strict.decisions,
        {
          kind: 'budget',
          label: { es: 'Presupuesto', en: 'Budget' },
          rule: 'simple',
          moderatorMayChoose: false,
        },
      ],
    };
    const v = underRules(withBudget, { rule: 'simple', decision: 'budget' }, 'deadline');
    const admitted = (decision?: string): Item => ({
      type: 'motion.admitted',
      payload: {
        motionId: 'motion-1',
        number: 'MOC-2026-0001',
        from: 'filed',
        to: 'admitted',
        cosponsors: 0,
        threshold: 0,
        ...(decision ? { decision } : {}),
      },
    });
    const [rules, ...rest] = record(withBudget, v, 5);
    expect(audit([rules!, admitted('budget'), ...rest]).auditor.firstProblem).toBeNull();
    expect(audit([rules!, admitted(), ...rest]).auditor.firstProblem?.problem).toBe(
      'counted as budget, but the motion was admitted as motion',
    );
  });

  it('detects a version absent from the record, one not yet in force, and one already replaced', () => {
    const v = underRules(strict, { rulesVersion: 2 });
    expect(audit(record(strict, v)).auditor.firstProblem?.problem).toMatch(
      /version 2, absent from the record/,
    );
    const future = underRules(strict);
    const items = record(strict, future);
    items[0] = rulesChanged(1, strict, '2026-04-15T00:00:00.000Z');
    expect(audit(items).auditor.firstProblem?.problem).toMatch(/before it took effect/);
    const replaced = [
      rulesChanged(1, strict),
      rulesChanged(2, base),
      ...record(strict, underRules(strict)).slice(1),
    ];
    expect(audit(replaced).auditor.firstProblem?.problem).toMatch(/version 1 when version 2 was in force/);
    const gap = [rulesChanged(2, strict), ...record(strict, underRules(strict)).slice(1)];
    expect(audit(gap).auditor.firstProblem?.problem).toMatch(/reglamento version 2 follows 0/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Ballots the Mesa recorded', () => {
  /** The standard record where the Mesa recorded d3's ballot by voice and d1's first revision on paper. */
  function withMesa(): Item[] {
    const v = standard();
    const casts = v.casts.map((c) =>
      c.delegateId === 'd3'
        ? { ...c, recordedBy: { method: 'voice' as const } }
        : c.delegateId === 'd1' && c.revision === 1
          ? { ...c, recordedBy: { method: 'paper' as const } }
          : c,
    );
    return itemsOf({ ...v, casts });
  }

  it('counts them like any other, and knows which counted ballot the Mesa recorded', () => {
    const { auditor } = audit(withMesa());
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.ballotsChecked).toBe(7);
    expect(auditor.ballotsRecordedByMesa).toBe(2);
    // d1's paper ballot was replaced by their own: only d3's counted ballot is the Mesa's.
    expect([...auditor.votes.get('v-1')!.countedRecordedBy]).toEqual([['d3', 'voice']]);
  });

  it('refuses a recording that names no known method', () => {
    const items = withMesa();
    const bad = items.map((item) =>
      item.type === 'ballot.cast' && (item.payload as BallotCastPayload).delegateId === 'd3'
        ? { ...item, payload: { ...(item.payload as object), recordedBy: { method: 'telepathy' } } }
        : item,
    );
    expect(audit(bad).auditor.firstProblem?.problem).toBe(
      'ballot revision 1 of d3 names no known way the Mesa recorded it',
    );
  });

  it('cross-checks the served flag against the counted revision, and skips answers without it', () => {
    const { auditor } = audit(withMesa());
    const a = auditor.votes.get('v-1')!;
    const ballots = [...a.counted].map(([delegateId, choice]): ServedBallot => ({
      delegateId,
      choice,
      recordedBy: delegateId === 'd3' ? { method: 'voice' } : null,
    }));
    const tallyOf = () => JSON.parse(JSON.stringify(a.closed!.tally)) as Tally;
    expect(crossCheckServedVote(a, { tally: tallyOf(), ballots })).toBeNull();
    // Served as recorded by the Mesa, but the counted revision is d1's own.
    const flagged = ballots.map((b) =>
      b.delegateId === 'd1' ? { ...b, recordedBy: { method: 'paper' as const } } : b,
    );
    expect(crossCheckServedVote(a, { tally: tallyOf(), ballots: flagged })).toEqual({
      sequence: null,
      voteId: 'v-1',
      problem:
        "ballot row of delegate d1 says recorded by the Mesa (paper) but the record says the delegate's own",
    });
    const unflagged = ballots.map((b) => (b.delegateId === 'd3' ? { ...b, recordedBy: null } : b));
    expect(crossCheckServedVote(a, { tally: tallyOf(), ballots: unflagged })?.problem).toBe(
      "ballot row of delegate d3 says the delegate's own but the record says recorded by the Mesa (voice)",
    );
    const older = ballots.map(({ delegateId, choice }) => ({ delegateId, choice }));
    expect(crossCheckServedVote(a, { tally: tallyOf(), ballots: older })).toBeNull();
  });
});
