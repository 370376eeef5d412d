import type { LiveEnvelope } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { addCatalogue } from '../../i18n';
import { electionsEn } from '../../locales/elections.en';
import { electionsEs } from '../../locales/elections.es';
import { RoundResult } from './RoundResult';
import { candidateNames, roundIn, type Election } from './types';
import './elections.css';

addCatalogue(electionsEs, electionsEn);

/**
 * The session's election on the board and the projector: while a round is open, only how many of the
 * entitled have taken part (never a partial tally); once closed, the result by candidate. Opening and
 * closing events carry the election itself, progress its counts: a ballot makes no phone fetch anything.
 */
export default function ElectionLive({
  sessionId,
  lastEvent,
  large = false,
  onShown,
  closedAfter = null,
  showClosed = true,
}: {
  sessionId: string;
  lastEvent: LiveEnvelope | null;
  /** The projector's type and colours. */
  large?: boolean;
  /** Told whether an election of this session is on screen (the projector then drops its idle line). */
  onShown?: (shown: 'open' | 'closed' | null) => void;
  /**
   * The projector's: a closed round is shown only while it is the newest thing decided — not once a vote
   * has opened since (`closedAfter`) nor once the hall has moved to another item (`showClosed` false).
   */
  closedAfter?: string | null;
  showClosed?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [elections, setElections] = useState<Election[]>([]);
  const [progress, setProgress] = useState<Record<string, number>>({});
  useEffect(() => {
    let live = true;
    api<Election[]>('GET', `/api/elections?sessionId=${encodeURIComponent(sessionId)}`).then(
      (list) => live && setElections(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sessionId]);
  useEffect(() => {
    if (!lastEvent) return;
    if (lastEvent.type === 'election.progress') {
      const data = lastEvent.data as { roundId: string; participationCount: number };
      setProgress((p) => ({ ...p, [data.roundId]: data.participationCount }));
    } else if (lastEvent.type === 'election.opened' || lastEvent.type === 'election.closed') {
      const election = lastEvent.data as Election;
      setElections((list) => [election, ...list.filter((e) => e.id !== election.id)]);
    }
  }, [lastEvent]);
  const here = elections
    .flatMap((election) => {
      const round = roundIn(election, sessionId);
      return round ? [{ election, round }] : [];
    })
    .sort((a, b) => b.round.openedAt.localeCompare(a.round.openedAt));
  const latest = here.find((h) => h.round.status === 'open') ?? here[0];
  const shown =
    latest?.round.status === 'open' ||
    (showClosed && latest && (!closedAfter || (latest.round.closedAt ?? '') > closedAfter))
      ? latest
      : undefined;
  const shownStatus = shown?.round.status ?? null;
  useEffect(() => onShown?.(shownStatus), [onShown, shownStatus]);
  // Gone from the screen (the projector moved to a vote or a speech): no longer shown.
  useEffect(() => () => onShown?.(null), [onShown]);
  if (!shown) return null;
  const { election, round } = shown;
  const count = Math.max(progress[round.id] ?? 0, round.participationCount);
  return (
    <section
      className={`panel el-live${large ? ' el-live-large' : ''}`}
      aria-labelledby={`el-live-${round.id}`}
      data-testid="election-live"
    >
      <h2 id={`el-live-${round.id}`}>
        {t('elections.live.heading', { title: election.title })}
        {round.round === 'runoff' ? ` · ${t('elections.runoff')}` : ''}
      </h2>
      {round.status === 'open' ? (
        <>
          <p className="el-live-count" role="status" data-testid="election-participation">
            {t('elections.participation', { count, entitled: round.entitledCount })}
          </p>
          <p className={large ? 'pj-muted' : 'muted'}>{t('elections.live.secret')}</p>
          {i18n.language.startsWith('en') ? (
            <p lang="en">{round.explanation.en}</p>
          ) : (
            <p lang="es">{round.explanation.es}</p>
          )}
        </>
      ) : (
        <RoundResult round={round} names={candidateNames(election)} large={large} />
      )}
    </section>
  );
}
