import { orderBallots, participationHash, secretBallotsHash } from '../elections/secret-ballot.js';
import { newTrackerCode } from '../elections/tracker-code.js';
import { GENESIS_HASH, sealEvent } from '../ledger/hash-chain.js';
import type { SecretQuestionPublishedPayload } from '../ledger/record-events.js';
import {
  COUNTING_RULES_VERSION,
  tally,
  tallySecret,
  TallyError,
  type BallotChoice,
} from './counting-rules.js';
import { entitledListHash } from './entitlement.js';
import { crossCheckServedVote, VoteRecordAuditor } from './vote-audit.js';
import type { VoteClosedPayload, VoteOpenedPayload } from './vote-record.js';

const entitled = ['d1', 'd2', 'd3', 'd4'];
const base = { rule: 'simple' as const, entitled, presentAtOpening: 4, seatedAtOpening: 5 };

describe('tallySecret: a secret question counts like a roll-call vote, from choices without voters', () => {
  it('gives the tally the same ballots by name would give', () => {
    const choices: BallotChoice[] = ['yes', 'no', 'yes'];
    expect(tallySecret({ ...base, participants: ['d3', 'd1', 'd2'], choices })).toEqual(
      tally({
        ...base,
        ballots: new Map([
          ['d1', 'yes'],
          ['d2', 'no'],
          ['d3', 'yes'],
        ] as const),
      }),
    );
  });

  it('refuses a list that is not one ballot per entitled participant', () => {
    expect(() => tallySecret({ ...base, participants: ['d1', 'd2'], choices: ['yes'] })).toThrow(TallyError);
    expect(() => tallySecret({ ...base, participants: ['d1', 'd9'], choices: ['yes', 'no'] })).toThrow(
      /d9 was not entitled/,
    );
    expect(() => tallySecret({ ...base, participants: ['d1', 'd1'], choices: ['yes', 'no'] })).toThrow(
      /duplicates/,
    );
    expect(() => tallySecret({ ...base, participants: ['d1'], choices: ['maybe' as BallotChoice] })).toThrow(
      /unknown choice/,
    );
  });
});

interface Item {
  type: string;
  payload: unknown;
}

function secretVote(choices: BallotChoice[] = ['yes', 'yes', 'no']) {
  const voteId = 'v-secret';
  const participants = entitled.slice(0, choices.length);
  const ballots = orderBallots(choices.map((choice) => ({ tracker: newTrackerCode(), choice })));
  const result = tallySecret({ ...base, participants, choices: ballots.map((b) => b.choice) });
  const opened: VoteOpenedPayload = {
    voteId,
    sessionId: 's-1',
    itemId: 'i-1',
    motionId: 'm-1',
    kind: 'motion',
    question: '¿Se aprueba la moción?',
    rule: 'simple',
    ruleVersion: COUNTING_RULES_VERSION,
    presentAtOpening: 4,
    seatedAtOpening: 5,
    entitled,
    entitledListHash: entitledListHash(voteId, entitled),
    deadline: null,
    secret: true,
  };
  const published: SecretQuestionPublishedPayload = {
    voteId,
    closedBy: 'moderator',
    ballots,
    secretBallotsHash: secretBallotsHash(voteId, ballots),
    participants,
    participationHash: participationHash(voteId, participants),
    outcome: result,
  };
  const closed: VoteClosedPayload = { voteId, closedBy: 'moderator', tally: result, revisions: [] };
  const items: Item[] = [
    { type: 'vote.opened', payload: opened },
    ...participants.map((delegateId) => ({ type: 'secret.participated', payload: { voteId, delegateId } })),
    { type: 'secret.ballots_published', payload: published },
    { type: 'vote.closed', payload: closed },
  ];
  return { voteId, opened, published, closed, items };
}

function audit(items: readonly Item[]) {
  const auditor = new VoteRecordAuditor();
  let previous = GENESIS_HASH;
  items.forEach((item, index) => {
    const event = sealEvent(
      {
        sequence: index + 1,
        type: item.type,
        subject: 'vote:v-secret',
        payload: item.payload,
        actor: null,
        occurredAt: new Date(Date.UTC(2026, 11, 4, 15, 0, index)).toISOString(),
      },
      previous,
    );
    previous = event.hash;
    auditor.add(event);
  });
  return auditor;
}

describe('VoteRecordAuditor: secret questions', () => {
  it('replays a consistent secret question: participation, the published ballots recounted, the close', () => {
    const v = secretVote();
    const auditor = audit(v.items);
    expect(auditor.firstProblem).toBeNull();
    expect(auditor.secretQuestions).toBe(1);
    expect(auditor.secretQuestionBallots).toBe(3);
    expect(auditor.ballotsChecked).toBe(0);
    expect(auditor.votes.get(v.voteId)!.secret).toMatchObject({ participants: ['d1', 'd2', 'd3'] });
    expect(auditor.ownsSecretEvent({ type: 'secret.participated', payload: { voteId: v.voteId } })).toBe(
      true,
    );
    expect(auditor.ownsSecretEvent({ type: 'secret.participated', payload: { voteId: 'round-1' } })).toBe(
      false,
    );
  });

  it('finds a roll-call ballot, a participant not entitled or twice, and participation after the publication', () => {
    const v = secretVote();
    const ballot = {
      type: 'ballot.cast',
      payload: { voteId: v.voteId, delegateId: 'd1', revision: 1, commitment: 'c' },
    };
    expect(audit([v.items[0]!, ballot]).firstProblem?.problem).toBe(
      'a roll-call ballot in a secret question',
    );
    const stranger = { type: 'secret.participated', payload: { voteId: v.voteId, delegateId: 'd9' } };
    expect(audit([v.items[0]!, stranger]).firstProblem?.problem).toBe('participant d9 was not entitled');
    expect(audit([v.items[0]!, v.items[1]!, v.items[1]!]).firstProblem?.problem).toBe(
      'participant d1 took part twice',
    );
    const late = { type: 'secret.participated', payload: { voteId: v.voteId, delegateId: 'd4' } };
    expect(audit([...v.items.slice(0, 5), late]).firstProblem?.problem).toBe(
      'participation after the ballots were published',
    );
  });

  it('fails a publication whose ballots do not recount to its outcome, or are not one per participant', () => {
    const v = secretVote(['yes', 'no', 'no']);
    const claimed = { ...v.published, outcome: { ...v.published.outcome, outcome: 'adopted' as const } };
    const items = [...v.items.slice(0, 4), { type: 'secret.ballots_published', payload: claimed }];
    expect(audit(items).firstProblem?.problem).toMatch(/^result_differs/);
    const dropped = v.published.ballots.slice(1);
    const short = {
      ...v.published,
      ballots: dropped,
      secretBallotsHash: secretBallotsHash(v.voteId, dropped),
    };
    expect(
      audit([...v.items.slice(0, 4), { type: 'secret.ballots_published', payload: short }]).firstProblem
        ?.problem,
    ).toMatch(/^count_differs/);
  });

  it('fails a close before the publication, with revisions, or with another tally', () => {
    const v = secretVote();
    expect(audit([...v.items.slice(0, 4), v.items[5]!]).firstProblem?.problem).toBe(
      'secret question closed without its ballots published',
    );
    const otherTally = {
      ...v.closed,
      tally: { ...v.closed.tally, counts: { ...v.closed.tally.counts, yes: 3 } },
    };
    expect(
      audit([...v.items.slice(0, 5), { type: 'vote.closed', payload: otherTally }]).firstProblem?.problem,
    ).toMatch(/differs from the published ballots/);
    const revealed = {
      ...v.closed,
      revisions: [{ delegateId: 'd1', revision: 1, choice: 'yes', nonce: 'n' }],
    };
    expect(
      audit([...v.items.slice(0, 5), { type: 'vote.closed', payload: revealed }]).firstProblem?.problem,
    ).toBe('a secret question’s close reveals roll-call ballots');
  });

  it('refuses served ballots by name for a secret question, and a served tally that differs', () => {
    const v = secretVote();
    const audited = audit(v.items).votes.get(v.voteId)!;
    expect(crossCheckServedVote(audited, { tally: v.closed.tally, ballots: [] })).toBeNull();
    expect(
      crossCheckServedVote(audited, { tally: v.closed.tally, ballots: [{ delegateId: 'd1', choice: 'yes' }] })
        ?.problem,
    ).toBe('a secret question is served with ballots by name');
    expect(
      crossCheckServedVote(audited, { tally: { ...v.closed.tally, outcome: 'rejected' }, ballots: [] })
        ?.problem,
    ).toBe('served tally differs from the recorded tally');
  });
});
