import type { LiveEnvelope } from '#contracts';
import type { ElectionBallotSpec } from '#domain/elections/election-method';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { addCatalogue } from '../../i18n';
import { electionsEn } from '../../locales/elections.en';
import { electionsEs } from '../../locales/elections.es';
import { useDelegateNames } from '../../names';
import { ActionError, useAction } from '../feedback';
import { describeChoice, ElectionBallotForm } from './ElectionBallotForm';
import { RoundResult } from './RoundResult';
import { TrackerPanel } from './TrackerPanel';
import { keepTracker, keptTracker, trackerFor } from './tracker-keeper';
import {
  candidateNames,
  roundIn,
  type Candidacy,
  type Election,
  type ElectionRound,
  type FoundBallot,
  type Participation,
  type SecretBallotReceipt,
} from './types';
import './elections.css';

addCatalogue(electionsEs, electionsEn);

const specOf = (round: ElectionRound): ElectionBallotSpec => ({
  method: round.method,
  seats: round.seats,
  candidates: round.candidates,
  ...(round.maxChoices !== null ? { maxChoices: round.maxChoices } : {}),
});

/** Standing, nominating another delegate, and answering one's own nomination, while candidacies are open. */
function Candidacies({
  election,
  delegateId,
  onChanged,
}: {
  election: Election;
  delegateId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const names = useDelegateNames();
  const action = useAction();
  const mine = election.candidacies.find((c) => c.candidateId === delegateId && c.status !== 'withdrawn');
  const standing = election.candidacies.filter((c) => c.status !== 'withdrawn');
  const answer = (c: Candidacy, how: 'accept' | 'withdraw') =>
    void action.run(() => api('POST', `/api/elections/${election.id}/candidacies/${c.id}/${how}`), onChanged);
  const nominate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const candidateId = String(new FormData(event.currentTarget).get('candidateId') ?? '');
    void action.run(
      () => api('POST', `/api/elections/${election.id}/candidacies`, candidateId ? { candidateId } : {}),
      onChanged,
    );
  };
  const others = [...names].filter(
    ([other]) => other !== delegateId && !standing.some((c) => c.candidateId === other),
  );
  return (
    <>
      <h4>{t('elections.candidacies.heading')}</h4>
      {standing.length === 0 ? (
        <p>{t('elections.candidacies.none')}</p>
      ) : (
        <ul aria-label={t('elections.candidacies.heading')}>
          {standing.map((c) => (
            <li key={c.id}>
              {c.fullName} · {t(`elections.candidacies.status.${c.status}`, { defaultValue: c.status })}
            </li>
          ))}
        </ul>
      )}
      {mine?.status === 'proposed' ? (
        <p className="actions">
          {t('elections.candidacies.youAreNominated')}{' '}
          <button type="button" disabled={action.pending} onClick={() => answer(mine, 'accept')}>
            {t('elections.candidacies.accept')}
          </button>{' '}
          <button type="button" disabled={action.pending} onClick={() => answer(mine, 'withdraw')}>
            {t('elections.candidacies.decline')}
          </button>
        </p>
      ) : mine ? (
        <p>
          <button type="button" disabled={action.pending} onClick={() => answer(mine, 'withdraw')}>
            {t('elections.candidacies.withdraw')}
          </button>
        </p>
      ) : (
        <p>
          <button
            type="button"
            disabled={action.pending}
            onClick={() =>
              void action.run(() => api('POST', `/api/elections/${election.id}/candidacies`, {}), onChanged)
            }
          >
            {t('elections.candidacies.stand')}
          </button>
        </p>
      )}
      {others.length > 0 ? (
        <form onSubmit={nominate} className="el-nominate">
          <label htmlFor={`${id}-who`}>{t('elections.candidacies.nominateLabel')}</label>
          <select id={`${id}-who`} name="candidateId" required>
            {others.map(([other, name]) => (
              <option key={other} value={other}>
                {name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={action.pending}>
            {t('elections.candidacies.nominate')}
          </button>
        </form>
      ) : null}
      <ActionError error={action.error} />
    </>
  );
}

/** Finding one's ballot among the published ones, with the tracker kept on this device or typed in. */
function FindMyBallot({ election, round }: { election: Election; round: ElectionRound }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [found, setFound] = useState<FoundBallot | null>(null);
  const kept = keptTracker(round.id);
  const names = candidateNames(election);
  const find = (tracker: string) =>
    void action.run(
      () => api<FoundBallot>('POST', `/api/elections/${election.id}/find-ballot`, { tracker }),
      setFound,
    );
  return (
    <div className="el-find">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          find(String(new FormData(event.currentTarget).get('tracker') ?? ''));
        }}
      >
        <label htmlFor={`${id}-tracker`}>{t('elections.find.label')}</label>
        <input
          id={`${id}-tracker`}
          name="tracker"
          defaultValue={kept ?? ''}
          autoComplete="off"
          spellCheck={false}
          className="el-tracker-input"
        />{' '}
        <button type="submit" disabled={action.pending}>
          {t('elections.find.button')}
        </button>
      </form>
      <ActionError error={action.error} />
      {found ? (
        <p role="status" data-testid="found-ballot">
          {found.found
            ? t('elections.find.found', {
                tracker: found.tracker,
                choice: describeChoice(found.choice, names, t),
              })
            : t(`elections.find.${found.reason}`)}
        </p>
      ) : null}
    </div>
  );
}

/** The open round's ballot for this delegate: entitled or not, voted or not, the tracker on this device. */
function Ballot({
  election,
  round,
  delegateId,
  participation,
  onCast,
}: {
  election: Election;
  round: ElectionRound;
  delegateId: string;
  participation: Participation | null;
  onCast: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [receipt, setReceipt] = useState<SecretBallotReceipt | null>(null);
  const [changing, setChanging] = useState(false);
  const me = participation?.entitled.find((e) => e.delegateId === delegateId) ?? null;
  const kept = keptTracker(round.id);
  const names = candidateNames(election);
  const candidates = round.candidates.map((candidate) => ({
    id: candidate,
    name: names.get(candidate) ?? candidate,
  }));
  if (!participation) return <p role="status">{t('elections.ballot.loading')}</p>;
  if (!me) return <p className="warning">{t('elections.ballot.notEntitled')}</p>;
  const cast = (choice: unknown) =>
    void action.run(
      () =>
        api<SecretBallotReceipt>('POST', `/api/elections/${election.id}/ballots`, {
          tracker: trackerFor(round.id),
          choice,
        }),
      (result) => {
        setReceipt(result);
        setChanging(false);
        onCast();
      },
    );
  const voted = me.hasVoted || receipt !== null;
  return (
    <>
      {voted && !changing ? (
        <div className="el-voted" tabIndex={-1}>
          <p role="status" className="ok">
            {receipt?.status === 'replaced'
              ? t('elections.ballot.replaced')
              : receipt?.status === 'repeat'
                ? t('elections.ballot.repeat')
                : t('elections.ballot.inTheBox')}
          </p>
          {kept ? (
            <>
              <TrackerPanel tracker={kept} />
              <p>
                <button type="button" onClick={() => setChanging(true)}>
                  {t('elections.ballot.change')}
                </button>
              </p>
            </>
          ) : (
            <TrackerElsewhere roundId={round.id} onKept={() => setChanging(true)} />
          )}
        </div>
      ) : (
        <ElectionBallotForm
          spec={specOf(round)}
          candidates={candidates}
          busy={action.pending}
          error={action.error}
          onCast={cast}
          submitLabel={voted ? t('elections.ballot.sendChange') : t('elections.ballot.send')}
        />
      )}
    </>
  );
}

/** A ballot cast on another device: its tracker may be typed in here to change the ballot. */
function TrackerElsewhere({ roundId, onKept }: { roundId: string; onKept: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const typed = String(new FormData(event.currentTarget).get('tracker') ?? '');
        if (keepTracker(roundId, typed)) onKept();
        else setProblem(t('elections.find.malformed'));
      }}
    >
      <p>{t('elections.ballot.elsewhere')}</p>
      <label htmlFor={`${id}-t`}>{t('elections.find.label')}</label>
      <input id={`${id}-t`} name="tracker" autoComplete="off" spellCheck={false} />{' '}
      <button type="submit">{t('elections.ballot.useTracker')}</button>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/**
 * "Elecciones" in the delegate console: candidacies while they are open, the secret ballot of a round
 * open in this session (with the tracker kept on this device), and each closed round's result with the
 * check of one's own ballot. Follows the session's live election events.
 */
export default function DelegateElections({
  sessionId,
  delegateId,
  lastEvent,
}: {
  sessionId: string | undefined;
  delegateId: string;
  lastEvent: LiveEnvelope | null;
}) {
  const { t } = useTranslation();
  const [elections, setElections] = useState<Election[] | null>(null);
  const [participation, setParticipation] = useState<Record<string, Participation>>({});
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // A round opening or closing is read again; another delegate's ballot only moves the count, which its
  // event carries (every phone re-reading the elections on every ballot would be the thundering herd).
  const electionEvent =
    lastEvent?.type === 'election.opened' || lastEvent?.type === 'election.closed' ? lastEvent.sequence : 0;
  useEffect(() => {
    if (lastEvent?.type !== 'election.progress') return;
    const { roundId, participationCount } = lastEvent.data as { roundId: string; participationCount: number };
    setElections(
      (list) =>
        list?.map((e) => ({
          ...e,
          rounds: e.rounds.map((r) => (r.id === roundId ? { ...r, participationCount } : r)),
        })) ?? null,
    );
  }, [lastEvent]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    api<Election[]>('GET', '/api/elections').then(
      async (list) => {
        if (!live) return;
        setElections(list);
        setError(null);
        const open = list.flatMap((e) =>
          e.rounds.filter((r) => r.status === 'open').map((r) => [e.id, r.id] as const),
        );
        const read = await Promise.all(
          open.map(([electionId, roundId]) =>
            api<Participation>('GET', `/api/elections/${electionId}/rounds/${roundId}/participation`),
          ),
        );
        if (live) setParticipation(Object.fromEntries(read.map((p) => [p.roundId, p])));
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [electionEvent, reload]);
  if (error)
    return (
      <section className="panel" aria-labelledby="dc-elections-h">
        <h2 id="dc-elections-h">{t('elections.heading')}</h2>
        <p role="alert" className="error">
          {error}
        </p>
      </section>
    );
  if (!elections) return null;
  const nominating = elections.filter((e) => e.status === 'nominating');
  const here = sessionId
    ? elections.flatMap((e) => {
        const round = roundIn(e, sessionId);
        return round ? [{ election: e, round }] : [];
      })
    : [];
  if (nominating.length === 0 && here.length === 0) return null;
  return (
    <section className="panel dc-elections" aria-labelledby="dc-elections-h">
      <h2 id="dc-elections-h">{t('elections.heading')}</h2>
      {here.map(({ election, round }) => (
        <article key={round.id} aria-labelledby={`el-${round.id}`} className="el-round">
          <h3 id={`el-${round.id}`}>
            {election.title}
            {round.round === 'runoff' ? ` · ${t('elections.runoff')}` : ''}
          </h3>
          {round.status === 'open' ? (
            <>
              <p className="muted">
                {t('elections.participation', {
                  count: round.participationCount,
                  entitled: round.entitledCount,
                })}
              </p>
              <Ballot
                election={election}
                round={round}
                delegateId={delegateId}
                participation={participation[round.id] ?? null}
                onCast={refresh}
              />
            </>
          ) : (
            <>
              <RoundResult round={round} names={candidateNames(election)} />
              <FindMyBallot election={election} round={round} />
            </>
          )}
        </article>
      ))}
      {nominating.map((election) => (
        <article key={election.id} aria-labelledby={`el-n-${election.id}`} className="el-round">
          <h3 id={`el-n-${election.id}`}>{election.title}</h3>
          <p>{t('elections.seats', { count: election.seats })}</p>
          <Candidacies election={election} delegateId={delegateId} onChanged={refresh} />
        </article>
      ))}
    </section>
  );
}
