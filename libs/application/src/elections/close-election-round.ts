import {
  countElectionRound,
  decideElection,
  decideFirstRound,
  decideRunoff,
  DomainError,
  orderBallots,
  participationHash,
  secondsUntilClosable,
  secretBallotsHash,
  type FirstRoundOutcome,
  type RunoffOutcome,
} from '#domain';
import {
  lockElection,
  lockLatestRound,
  publishSecretBallots,
  readBallotBox,
  readCandidacies,
  readParticipantIds,
  readPublishedBallots,
  readRounds,
  writeElectionDecided,
  writeElectionStatus,
  type ElectionRow,
} from '#persistence';
import type { DataSource } from 'typeorm';
import { assignOffice } from '../offices/assign-office.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import { inTransaction, type Outcome, type UnitOfWork } from '../unit-of-work.js';
import type { BallotBoxCipher } from './ballot-box-cipher.js';
import { readElectionView, roundSpec, type ElectionView } from './election-views.js';

export class SecretBallotBoxInconsistent extends Error {}

export interface ElectionCloser {
  by: 'moderator' | 'deadline';
  actor: string | null;
}

/**
 * Closes the election's open round, in one transaction (docs/secret-ballots.md, "At the close"): every
 * sealed ballot opened, ballots = participants checked, the (tracker, choice) list published in tracker
 * order in `secret.ballots_published` and `secret_ballots`, the box emptied and the round's key dropped,
 * the round's outcome computed by the domain. A first round that calls a run-off leaves the election
 * waiting for it; otherwise the election is decided (`election.decided`) and each elected candidate is
 * given the office for the election's term. Null when no round was open.
 */
export async function closeOpenRound(
  uow: UnitOfWork,
  cipher: BallotBoxCipher,
  electionId: string,
  closer: ElectionCloser,
): Promise<ElectionView | null> {
  const { m } = uow;
  const election = await lockElection(m, electionId);
  if (!election) throw new DomainError('ELECTION_NOT_FOUND');
  const round = await lockLatestRound(m, electionId, 'update');
  if (!round || round.status !== 'open') return null;
  if (closer.by === 'deadline' && !round.due) return null;
  if (closer.by === 'moderator') {
    const wait = secondsUntilClosable((await rulesInForceNow(m)).rules, round.open_ms ?? 0);
    if (wait > 0) throw new DomainError('VOTE_CLOSE_TOO_EARLY', { seconds: wait });
  }
  const box = cipher.forRound(round.id, round.ballot_key!);
  const ballots = orderBallots((await readBallotBox(m, round.id)).map((sealed) => box.open(sealed)));
  const participants = await readParticipantIds(m, round.id);
  if (
    ballots.length !== participants.length ||
    new Set(ballots.map((b) => b.tracker)).size !== ballots.length
  )
    throw new SecretBallotBoxInconsistent(
      `round ${round.id}: ${ballots.length} ballots in the box, ${participants.length} participants`,
    );
  const spec = roundSpec(round);
  const count = countElectionRound(
    spec,
    ballots.map((b) => b.choice),
  );
  const rounds = await readRounds(m, electionId);
  const first = rounds.find((r) => r.round === 'first')!;
  const outcome: FirstRoundOutcome | RunoffOutcome =
    round.round === 'first'
      ? decideFirstRound(spec, count)
      : decideRunoff(spec, count, first.outcome as FirstRoundOutcome, round.lot_seed);
  await uow.record({
    type: 'secret.ballots_published',
    actor: closer.actor,
    payload: {
      voteId: round.id,
      electionId,
      closedBy: closer.by,
      ballots: ballots.map((b) => ({ tracker: b.tracker, choice: b.choice })),
      secretBallotsHash: secretBallotsHash(round.id, ballots),
      participants,
      participationHash: participationHash(round.id, participants),
      outcome,
    },
  });
  await publishSecretBallots(m, round.id, ballots, closer.by, outcome);
  if (outcome.round === 'first' && outcome.runoff) await writeElectionStatus(m, electionId, 'runoff_pending');
  else await decide(uow, election, closer.actor);
  const view = await readElectionView(m, electionId);
  await uow.live(round.session_id, 'election.closed', view);
  uow.publicReadsChanged();
  uow.checkpointAfterCommit();
  return view;
}

/** The whole election from its published ballots (decideElection), and the offices of the elected. */
async function decide(uow: UnitOfWork, election: ElectionRow, actor: string | null): Promise<void> {
  const { m } = uow;
  const rounds = await readRounds(m, election.id);
  const first = rounds.find((r) => r.round === 'first')!;
  const runoff = rounds.find((r) => r.round === 'runoff');
  const choices = async (roundId: string) => (await readPublishedBallots(m, roundId)).map((b) => b.choice);
  const outcome = decideElection({
    spec: roundSpec(first),
    firstRound: await choices(first.id),
    ...(runoff ? { runoff: await choices(runoff.id) } : {}),
    seed: first.lot_seed,
  });
  await uow.record({ type: 'election.decided', actor, payload: { electionId: election.id, outcome } });
  await writeElectionDecided(m, election.id, outcome);
  const accountOf = new Map((await readCandidacies(m, election.id)).map((c) => [c.delegate_id, c.user_id]));
  for (const seat of outcome.elected) {
    const holderId = accountOf.get(seat.candidate);
    if (!holderId) throw new Error(`elected candidate ${seat.candidate} has no account`);
    await assignOffice(uow, actor, {
      positionId: election.position_id,
      termId: election.term_id,
      holderId,
      electionId: election.id,
    });
  }
}

/** A moderator closes the open round, once it has been open as long as the reglamento asks. */
export function closeElectionRound(
  dataSource: DataSource,
  cipher: BallotBoxCipher,
  electionId: string,
  actor: string,
): Promise<Outcome<ElectionView>> {
  return inTransaction(dataSource, async (uow) => {
    const closed = await closeOpenRound(uow, cipher, electionId, { by: 'moderator', actor });
    if (!closed) throw new DomainError('VOTE_CLOSED');
    return closed;
  });
}

/** The deadline closer: every election whose open round's deadline has passed (idempotent). */
export function closeDueElectionRound(
  dataSource: DataSource,
  cipher: BallotBoxCipher,
  electionId: string,
): Promise<Outcome<ElectionView | null>> {
  return inTransaction(dataSource, (uow) =>
    closeOpenRound(uow, cipher, electionId, { by: 'deadline', actor: null }),
  );
}
