import type { BallotView, SecretQuestionParticipationView, VoteView } from '#contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Hemicycle, type Seat } from './Hemicycle';

/** A served ballot; `recordedBy` comes with ballots the Mesa recorded (absent from older answers: null). */
type ServedBallot = BallotView & { recordedBy?: { method: string } | null };

// Only a secret vote's page loads it (the board has it through VoteResult).
const SecretVotePublic = lazy(() => import('../secret-votes/SecretVotePublic'));

let provinces: Promise<string[]> | null = null;

/** Province names in the order of their codes (one request per page load, shared). */
function provinceOrder(): Promise<string[]> {
  provinces ??= api<{ code: string; name: string }[]>('GET', '/api/constituencies').then(
    (list) => [...list].sort((a, b) => a.code.localeCompare(b.code)).map((c) => c.name),
    () => {
      provinces = null;
      return [];
    },
  );
  return provinces;
}

/**
 * The seats of a closed vote: every ballot by its delegate's province, and one seat per entitled
 * delegate who did not vote, in their province too. An older answer without the non-voters leaves
 * their seats without a province, last.
 */
export function seatsOf(vote: VoteView): Seat[] {
  const ballots = (vote.ballots ?? []) as ServedBallot[];
  const seats: Seat[] = ballots.map((b) => ({
    key: b.delegateId,
    name: b.name,
    province: b.constituency,
    choice: b.choice,
    recordedBy: b.recordedBy ?? null,
  }));
  if (vote.notVoted) {
    for (const n of vote.notVoted)
      seats.push({
        key: n.delegateId,
        name: n.name,
        province: n.constituency,
        choice: 'none',
        recordedBy: null,
      });
    return seats;
  }
  const missing = Math.max(0, vote.tally?.counts.notVoted ?? vote.entitledCount - ballots.length);
  for (let i = 0; i < missing; i += 1)
    seats.push({ key: `none-${i}`, name: null, province: null, choice: 'none', recordedBy: null });
  return seats;
}

/**
 * The seats of a secret vote: one per entitled delegate in their province, taken part or not — never how
 * (the published ballots carry a tracker, not a name).
 */
export function secretSeatsOf(participation: SecretQuestionParticipationView): Seat[] {
  return participation.entitled.map((e) => ({
    key: e.delegateId,
    name: e.fullName,
    province: e.constituency.name,
    choice: e.hasVoted ? 'voted' : 'none',
    recordedBy: null,
  }));
}

/**
 * The hemicycle of a closed vote, loaded on its own (GET /api/votes/:id, kept by the server once
 * closed): the board, the projector and the resolution page show it in this lazy chunk. A secret vote's
 * shows who took part only, from GET /api/votes/:id/secret-participation.
 */
export default function VoteHemicycle({
  voteId,
  heading = 'h2',
  className = 'panel',
  secretDetails = false,
}: {
  voteId: string;
  heading?: 'h2' | 'h3' | null;
  className?: string;
  /** A closed secret vote: its published ballots, who took part and the tracker check below it. */
  secretDetails?: boolean;
}) {
  const { t } = useTranslation();
  const [vote, setVote] = useState<VoteView | null>(null);
  const [participation, setParticipation] = useState<SecretQuestionParticipationView | null>(null);
  const [order, setOrder] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    void provinceOrder().then((names) => live && setOrder(names));
    api<VoteView>('GET', `/api/votes/${voteId}`)
      .then(async (full) => {
        const took = full.secret
          ? await api<SecretQuestionParticipationView>('GET', `/api/votes/${voteId}/secret-participation`)
          : null;
        if (!live) return;
        setParticipation(took);
        setVote(full);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [voteId, attempt]);
  const Heading = heading;
  const headingId = `hemi-h-${voteId}`;
  const body = failed ? (
    <p role="alert">
      {t('charts.hemicycle.failed')}{' '}
      <button type="button" onClick={() => setAttempt((n) => n + 1)}>
        {t('charts.hemicycle.retry')}
      </button>
    </p>
  ) : !vote || vote.status !== 'closed' ? (
    <p role="status">{t('charts.hemicycle.loading')}</p>
  ) : vote.secret && participation ? (
    <Hemicycle
      seats={secretSeatsOf(participation)}
      provinceOrder={order}
      question={vote.question}
      note={t('charts.hemicycle.secretNote')}
      secret
    />
  ) : (
    <Hemicycle
      seats={seatsOf(vote)}
      provinceOrder={order}
      question={vote.question}
      note={
        !vote.notVoted && (vote.tally?.counts.notVoted ?? 0) > 0
          ? t('charts.hemicycle.unknownProvinceNote')
          : null
      }
    />
  );
  return (
    <section className={`${className} hemi-panel`} aria-labelledby={Heading ? headingId : undefined}>
      {Heading ? <Heading id={headingId}>{t('charts.hemicycle.heading')}</Heading> : null}
      {body}
      {secretDetails && vote?.secret && vote.status === 'closed' ? (
        <Suspense fallback={null}>
          <SecretVotePublic vote={vote} />
        </Suspense>
      ) : null}
    </section>
  );
}
