import { sha256Hex } from '#crypto/digest';
import type { ElectionChoice } from '../elections/election-method.js';
import { countElectionRound, decideElection, decideFirstRound } from '../elections/election-outcome.js';
import { participationHash, secretBallotsHash } from '../elections/secret-ballot.js';
import { newTrackerCode } from '../elections/tracker-code.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';
import { entitledListHash } from '../votes/entitlement.js';
import { ElectionRecordAuditor } from './election-facts.js';

const electionId = 'e1';
const roundId = 'r1';
const [a, b] = ['cand-a', 'cand-b'];
const voters = ['v1', 'v2', 'v3'];
const spec = { method: 'single_choice' as const, seats: 1, candidates: [a, b] };
let sequence = 0;

function event(type: string, payload: unknown): LedgerEvent {
  sequence += 1;
  return {
    sequence,
    type,
    subject: `election:${electionId}`,
    payload,
    actor: null,
    occurredAt: new Date(0).toISOString(),
    payloadHash: sha256Hex(`p${sequence}`),
    previousHash: sha256Hex(`h${sequence - 1}`),
    hash: sha256Hex(`h${sequence}`),
  };
}

function closedElection(
  overrides: { participants?: string[]; tamper?: (payload: Record<string, unknown>) => void } = {},
) {
  const choices: ElectionChoice[] = [
    { kind: 'candidates', candidates: [a] },
    { kind: 'candidates', candidates: [a] },
    { kind: 'candidates', candidates: [b] },
  ];
  const ballots = choices
    .map((choice) => ({ tracker: newTrackerCode(), choice }))
    .sort((x, y) => (x.tracker < y.tracker ? -1 : 1));
  const participants = overrides.participants ?? voters;
  const opened = event('election.opened', {
    electionId,
    roundId,
    round: 'first',
    sessionId: 's1',
    method: spec.method,
    seats: 1,
    maxChoices: null,
    candidates: spec.candidates,
    entitled: voters,
    entitledListHash: entitledListHash(roundId, voters),
    presentAtOpening: 3,
    seatedAtOpening: 3,
    deadline: null,
  });
  const participated = participants.map((delegateId) =>
    event('secret.participated', { voteId: roundId, delegateId }),
  );
  const published: Record<string, unknown> = {
    voteId: roundId,
    electionId,
    closedBy: 'moderator',
    ballots,
    secretBallotsHash: secretBallotsHash(roundId, ballots),
    participants,
    participationHash: participationHash(roundId, participants),
    outcome: decideFirstRound(spec, countElectionRound(spec, choices)),
  };
  overrides.tamper?.(published);
  const outcome = decideElection({ spec, firstRound: choices, seed: opened.hash });
  return {
    events: [
      opened,
      ...participated,
      event('secret.ballots_published', published),
      event('election.decided', { electionId, outcome }),
    ],
    ballots,
    participants,
  };
}

const replay = (events: LedgerEvent[]) => {
  const auditor = new ElectionRecordAuditor();
  for (const e of events) {
    const problem = auditor.add(e);
    if (problem) return { auditor, problem };
  }
  return { auditor, problem: null };
};

describe('ElectionRecordAuditor', () => {
  it('replays a decided election: every ballot recounted, ballots = participants', async () => {
    const { events, ballots, participants } = closedElection();
    const { auditor, problem } = replay(events);
    expect(problem).toBeNull();
    expect(auditor.ballotsChecked).toBe(3);
    expect(auditor.decided).toBe(1);
    expect(await auditor.crossCheckServed(async () => ({ ballots, participants }))).toBeNull();
    // The served list in another order is the same list.
    expect(
      await auditor.crossCheckServed(async () => ({ ballots, participants: [...participants].reverse() })),
    ).toBeNull();
  });

  it('names the election when the served participation list leaves someone out or adds someone', async () => {
    const { events, ballots, participants } = closedElection();
    const { auditor } = replay(events);
    const left = await auditor.crossCheckServed(async () => ({
      ballots,
      participants: participants.slice(1),
    }));
    expect(left?.problem).toBe(
      `election ${electionId} (first round): participation_served_differs: the served list leaves out ${participants[0]}`,
    );
    const added = await auditor.crossCheckServed(async () => ({
      ballots,
      participants: [...participants, 'someone-else'],
    }));
    expect(added?.problem).toContain('adds someone-else');
  });

  it('names the election when a served ballot differs from the record', async () => {
    const { events, ballots } = closedElection();
    const { auditor } = replay(events);
    const altered = ballots.map((ballot, i) =>
      i === 0 ? { ...ballot, choice: { kind: 'blank' } as ElectionChoice } : ballot,
    );
    const problem = await auditor.crossCheckServed(async () => ({ ballots: altered, participants: [] }));
    expect(problem?.problem).toContain(`election ${electionId} (first round): ballot_altered`);
    expect(problem?.problem).toContain(ballots[0]!.tracker);
    expect((await auditor.crossCheckServed(async () => null))?.problem).toContain('not served');
  });

  it('fails when the record’s own ballots, count or outcome do not hold', () => {
    const changedChoice = closedElection({
      tamper: (p) => {
        const list = p.ballots as { tracker: string; choice: ElectionChoice }[];
        list[0] = { ...list[0]!, choice: { kind: 'null' } };
      },
    });
    expect(replay(changedChoice.events).problem?.problem).toContain('ballots_hash_differs');
    const wrongOutcome = closedElection({
      tamper: (p) => {
        (p.outcome as { elected: unknown[] }).elected = [];
      },
    });
    expect(replay(wrongOutcome.events).problem?.problem).toContain('result_differs');
    const missingParticipant = closedElection({ participants: ['v1', 'v2'] });
    expect(replay(missingParticipant.events).problem?.problem).toContain('count_differs');
    const outsider = closedElection({ participants: ['v1', 'v2', 'v9'] });
    expect(replay(outsider.events).problem?.problem).toContain('participant v9 was not entitled');
  });
});
