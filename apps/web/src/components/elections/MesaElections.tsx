import type { LiveEnvelope } from '#contracts';
import { ELECTION_METHODS } from '#domain/elections/election-method';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { addCatalogue } from '../../i18n';
import { electionsEn } from '../../locales/elections.en';
import { electionsEs } from '../../locales/elections.es';
import { ActionError, Confirm, useAction } from '../feedback';
import type { Position, Term } from '../secretariat/types';
import { RoundResult } from './RoundResult';
import { candidateNames, type Election } from './types';
import './elections.css';

addCatalogue(electionsEs, electionsEn);

function CallElection({ onCalled }: { onCalled: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const action = useAction();
  const [positions, setPositions] = useState<Position[]>([]);
  const [terms, setTerms] = useState<Term[]>([]);
  const [method, setMethod] = useState<string>('approval_up_to_n');
  useEffect(() => {
    api<Position[]>('GET', '/api/positions').then(setPositions, () => setPositions([]));
    api<Term[]>('GET', '/api/terms').then(setTerms, () => setTerms([]));
  }, []);
  const title = (p: Position) => (i18n.language.startsWith('en') ? p.title.en : p.title.es);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const max = String(form.get('maxChoices') ?? '').trim();
    const name = String(form.get('title') ?? '').trim();
    void action.run(
      () =>
        api<Election>('POST', '/api/elections', {
          positionId: String(form.get('positionId')),
          termId: String(form.get('termId')),
          method,
          ...(method === 'approval_up_to_n' && max ? { maxChoices: Number(max) } : {}),
          ...(name ? { title: name } : {}),
        }),
      onCalled,
    );
  };
  if (positions.length === 0 || terms.length === 0)
    return <p className="muted">{t('elections.mesa.needsPositions')}</p>;
  return (
    <details className="el-call">
      <summary>{t('elections.mesa.call')}</summary>
      <form onSubmit={submit} className="mod-form">
        <label htmlFor={`${id}-p`}>{t('elections.mesa.position')}</label>
        <select id={`${id}-p`} name="positionId" required>
          {positions.map((p) => (
            <option key={p.id} value={p.id}>
              {title(p)} ({t('elections.seats', { count: p.seats })})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-t`}>{t('elections.mesa.term')}</label>
        <select id={`${id}-t`} name="termId" required>
          {terms.map((term) => (
            <option key={term.id} value={term.id}>
              {term.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-m`}>{t('elections.mesa.method')}</label>
        <select id={`${id}-m`} name="method" value={method} onChange={(e) => setMethod(e.target.value)}>
          {ELECTION_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`elections.methods.${m}`)}
            </option>
          ))}
        </select>
        {method === 'approval_up_to_n' ? (
          <>
            <label htmlFor={`${id}-x`}>{t('elections.mesa.maxChoices')}</label>
            <input id={`${id}-x`} name="maxChoices" type="number" min={1} max={100} />
          </>
        ) : null}
        <label htmlFor={`${id}-n`}>{t('elections.mesa.title')}</label>
        <input id={`${id}-n`} name="title" maxLength={200} />
        <p>
          <button type="submit" disabled={action.pending}>
            {t('elections.mesa.callButton')}
          </button>
        </p>
        <ActionError error={action.error} />
      </form>
    </details>
  );
}

/** One election at the Mesa: its candidacies, then opening a round here, its participation and closing it. */
function MesaElection({
  election,
  sessionId,
  sessionOpen,
  onChanged,
}: {
  election: Election;
  sessionId: string;
  sessionOpen: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [closing, setClosing] = useState(false);
  const open = election.rounds.find((r) => r.status === 'open') ?? null;
  const last = election.rounds.at(-1) ?? null;
  const accepted = election.candidacies.filter((c) => c.status === 'accepted');
  const canOpen = !open && (election.status === 'nominating' || election.status === 'runoff_pending');
  const openRound = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const minutes = Number(new FormData(event.currentTarget).get('minutes') ?? 0);
    void action.run(
      () =>
        api<Election>('POST', `/api/elections/${election.id}/rounds`, {
          sessionId,
          ...(minutes > 0 ? { durationSeconds: Math.round(minutes * 60) } : {}),
        }),
      onChanged,
    );
  };
  return (
    <article className="el-round" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{election.title}</h3>
      <p className="muted">
        {t(`elections.status.${election.status}`)} · {t(`elections.methods.${election.method}`)} ·{' '}
        {t('elections.seats', { count: election.seats })}
      </p>
      <p>
        {t('elections.mesa.accepted', { count: accepted.length })}
        {accepted.length > 0 ? `: ${accepted.map((c) => c.fullName).join(', ')}` : ''}
      </p>
      {open ? (
        <>
          <p role="status" data-testid="mesa-election-progress">
            {t('elections.participation', { count: open.participationCount, entitled: open.entitledCount })}
          </p>
          {closing ? (
            <Confirm
              question={t('elections.mesa.closeQuestion')}
              confirmLabel={t('elections.mesa.close')}
              pending={action.pending}
              onCancel={() => setClosing(false)}
              onConfirm={() =>
                void action.run(
                  () => api<Election>('POST', `/api/elections/${election.id}/close`),
                  () => {
                    setClosing(false);
                    onChanged();
                  },
                )
              }
            />
          ) : (
            <button type="button" onClick={() => setClosing(true)}>
              {t('elections.mesa.close')}
            </button>
          )}
        </>
      ) : canOpen ? (
        <form onSubmit={openRound} className="mod-form">
          <label htmlFor={`${id}-d`}>{t('elections.mesa.duration')}</label>
          <input id={`${id}-d`} name="minutes" type="number" min={0} max={10080} defaultValue={0} />
          <p>
            <button type="submit" disabled={action.pending || !sessionOpen}>
              {election.status === 'runoff_pending'
                ? t('elections.mesa.openRunoff')
                : t('elections.mesa.openFirst')}
            </button>
          </p>
        </form>
      ) : null}
      {last && last.status === 'closed' ? (
        <RoundResult round={last} names={candidateNames(election)} />
      ) : null}
      <ActionError error={action.error} />
    </article>
  );
}

/** "Elecciones" at the Mesa: call an election, open its rounds in this session, follow and close them. */
export default function MesaElections({
  sessionId,
  sessionOpen,
  lastEvent,
}: {
  sessionId: string;
  sessionOpen: boolean;
  lastEvent: LiveEnvelope | null;
}) {
  const { t } = useTranslation();
  const [elections, setElections] = useState<Election[] | null>(null);
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const electionEvent = lastEvent?.type.startsWith('election.') ? lastEvent.sequence : 0;
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useEffect(() => {
    api<Election[]>('GET', '/api/elections').then(setElections, (e: Error) => setError(e.message));
  }, [electionEvent, reload]);
  // Undecided elections, and those decided in this session.
  const shown = (elections ?? []).filter(
    (e) => e.status !== 'decided' || e.rounds.some((r) => r.sessionId === sessionId),
  );
  return (
    <section className="panel" aria-labelledby="mesa-elections-h" id="mesa-elections">
      <h2 id="mesa-elections-h">{t('elections.heading')}</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {shown.length === 0 && elections ? <p>{t('elections.mesa.none')}</p> : null}
      {shown.map((election) => (
        <MesaElection
          key={election.id}
          election={election}
          sessionId={sessionId}
          sessionOpen={sessionOpen}
          onChanged={refresh}
        />
      ))}
      <CallElection onCalled={refresh} />
    </section>
  );
}
