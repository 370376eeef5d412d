import type {
  LiveEnvelope,
  MotionDetail,
  ResolutionIssued,
  SessionSnapshot,
  VoteParticipationView,
  VoteView,
} from '#contracts';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { useRecordFormat } from '../../pages/Motion';
import { useRules } from '../../rules';
import { ActionError, Confirm, useAction } from '../feedback';
import '../secret-votes/catalogue';

const RULES: VoteView['rule'][] = [
  'simple',
  'absolute_present',
  'absolute_members',
  'two_thirds_cast',
  'two_thirds_members',
];

const VOTE_EVENTS = new Set(['vote.opened', 'vote.progress', 'vote.closed']);

/** Who of the entitled has voted, refetched on vote events (at most about once a second). */
function useParticipation(voteId: string, lastEvent: LiveEnvelope | null): VoteParticipationView | null {
  const [view, setView] = useState<VoteParticipationView | null>(null);
  const lastFetch = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fetchNow = useRef<() => void>(() => {});
  fetchNow.current = () => {
    timer.current = null;
    lastFetch.current = Date.now();
    // A secret question's answer counts `participationCount` (SecretQuestionParticipationView).
    api<VoteParticipationView & { participationCount?: number }>(
      'GET',
      `/api/votes/${voteId}/participation`,
    ).then(
      (answer) =>
        answer.voteId === voteId &&
        setView({ ...answer, castCount: answer.castCount ?? answer.participationCount ?? 0 }),
      () => {},
    );
  };
  useEffect(() => {
    setView(null);
    fetchNow.current();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [voteId]);
  useEffect(() => {
    if (!lastEvent || !VOTE_EVENTS.has(lastEvent.type) || timer.current) return;
    const wait = Math.max(0, 1000 - (Date.now() - lastFetch.current));
    timer.current = setTimeout(() => fetchNow.current(), wait);
  }, [lastEvent]);
  return view;
}

/** The open vote: progress, who has not voted yet, and closing it (confirmed). */
function OpenVote({
  vote,
  lastEvent,
  itemTitle,
  present,
}: {
  vote: VoteView;
  lastEvent: LiveEnvelope | null;
  itemTitle: string;
  present: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const close = useAction();
  const [confirming, setConfirming] = useState(false);
  const participation = useParticipation(vote.id, lastEvent);
  const cast = Math.max(vote.castCount, participation?.castCount ?? 0);
  const missing = participation?.entitled.filter((e) => !e.hasVoted) ?? null;
  return (
    <div>
      <VoteHeading heading={t('moderator.vote.openNow')} vote={vote} itemTitle={itemTitle} />
      <p className="muted">
        {t(`rule.${vote.rule}`)} ·{' '}
        {vote.deadline
          ? t('moderator.vote.deadline', { when: format.dateTime(vote.deadline) })
          : t('moderator.vote.noDeadline')}
      </p>
      {vote.secret ? (
        <p className="sq-mesa-note" data-testid="moderator-secret-note">
          <strong>{t('secretVote.badge')}</strong> · {t('secretVote.mesa.note')}
        </p>
      ) : null}
      <p aria-live="polite" data-testid="moderator-vote-progress">
        {t('moderator.vote.progress', { cast, entitled: vote.entitledCount })}
      </p>
      <progress max={vote.entitledCount || 1} value={cast} aria-label={t('moderator.vote.progressLabel')} />
      <h4 id={`${id}-missing`}>{t('moderator.vote.missing')}</h4>
      {missing === null ? (
        <p className="muted">{t('moderator.vote.loadingMissing')}</p>
      ) : missing.length === 0 ? (
        <p className="ok">{t('moderator.vote.allVoted')}</p>
      ) : (
        <ul aria-labelledby={`${id}-missing`} className="mod-missing">
          {missing.map((e) => (
            <li key={e.delegateId}>
              {e.fullName} <span className="muted">· {e.constituency.name}</span>
            </li>
          ))}
        </ul>
      )}
      {!confirming ? (
        <button
          type="button"
          className="mod-danger"
          disabled={close.pending}
          onClick={() => {
            close.clear();
            setConfirming(true);
          }}
        >
          {t('moderator.vote.close')}
        </button>
      ) : (
        <Confirm
          question={t('moderator.vote.closeQuestion')}
          confirmLabel={t('moderator.vote.closeConfirm')}
          pending={close.pending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void close.run(
              () => api('POST', `/api/votes/${vote.id}/close`),
              () => setConfirming(false),
            )
          }
        />
      )}
      <ActionError error={close.error} />
      {/* Nobody records a ballot for anyone in a secret vote (the API answers VOTE_IS_SECRET). */}
      {vote.secret ? null : <RecordBallotForm vote={vote} participation={participation} present={present} />}
    </div>
  );
}

const CHOICES = ['yes', 'no', 'abstain'] as const;

/** A key per intended ballot (as the delegate's console makes them): a retry is recorded once. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
const METHODS = ['voice', 'hands', 'paper'] as const;

/**
 * The Mesa records the ballot of a delegate who votes by voice, show of hands or on paper: only the
 * entitled who are in the room are offered; the API refuses the rest with its own codes, shown here.
 */
function RecordBallotForm({
  vote,
  participation,
  present,
}: {
  vote: VoteView;
  participation: VoteParticipationView | null;
  present: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [delegateId, setDelegateId] = useState('');
  const [choice, setChoice] = useState<(typeof CHOICES)[number]>('yes');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('voice');
  const [missingDelegate, setMissingDelegate] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // One key per intended ballot: a retry after a lost answer is not recorded twice.
  const key = useRef<string | null>(null);
  const delegateRef = useRef<HTMLSelectElement>(null);
  const offered = participation?.entitled.filter((e) => present.has(e.delegateId)) ?? null;
  const changed = () => {
    key.current = null;
    setDone(null);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const delegate = offered?.find((e) => e.delegateId === delegateId);
    if (!delegate) {
      setMissingDelegate(true);
      delegateRef.current?.focus();
      return;
    }
    setMissingDelegate(false);
    setDone(null);
    key.current ??= newKey();
    const body = { delegateId, choice, method, idempotencyKey: key.current };
    void action.run(
      () => api('POST', `/api/votes/${vote.id}/recorded-ballots`, body),
      () => {
        key.current = null;
        setDone(
          t('moderator.vote.record.done', {
            name: delegate.fullName,
            choice: t(`choice.${choice}`),
            method: t(`moderator.vote.record.methods.${method}`),
          }),
        );
        setDelegateId('');
      },
    );
  };
  return (
    <form onSubmit={submit} className="mod-inline-form mod-record-ballot" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('moderator.vote.record.heading')}</h4>
      <p className="muted" id={`${id}-hint`}>
        {t('moderator.vote.record.hint')}
      </p>
      {offered !== null && offered.length === 0 ? (
        <p className="muted">{t('moderator.vote.record.none')}</p>
      ) : null}
      <div className="mod-field">
        {/* Not wrapping the select: its options' text would join the control's name. */}
        <label htmlFor={`${id}-d`}>{t('moderator.vote.record.delegate')}</label>
        <select
          id={`${id}-d`}
          ref={delegateRef}
          name="delegateId"
          value={delegateId}
          aria-invalid={missingDelegate || undefined}
          aria-describedby={missingDelegate ? `${id}-de ${id}-hint` : `${id}-hint`}
          onChange={(e) => {
            setDelegateId(e.target.value);
            setMissingDelegate(false);
            changed();
          }}
        >
          <option value="">{t('moderator.vote.record.choose')}</option>
          {(offered ?? []).map((e) => (
            <option key={e.delegateId} value={e.delegateId}>
              {e.fullName} · {e.constituency.name}
              {e.hasVoted ? ` (${t('moderator.vote.record.voted')})` : ''}
            </option>
          ))}
        </select>
        {missingDelegate ? (
          <span className="error mod-hint mod-field-error" id={`${id}-de`} role="alert">
            {t('moderator.vote.record.needsDelegate')}
          </span>
        ) : null}
      </div>
      <fieldset className="mod-field mod-choices">
        <legend>{t('moderator.vote.record.choice')}</legend>
        {CHOICES.map((c) => (
          <label key={c}>
            <input
              type="radio"
              name="choice"
              value={c}
              checked={choice === c}
              onChange={() => {
                setChoice(c);
                changed();
              }}
            />{' '}
            {t(`choice.${c}`)}
          </label>
        ))}
      </fieldset>
      <div className="mod-field">
        <label htmlFor={`${id}-m`}>{t('moderator.vote.record.method')}</label>
        <select
          id={`${id}-m`}
          name="method"
          value={method}
          onChange={(e) => {
            setMethod(e.target.value as (typeof METHODS)[number]);
            changed();
          }}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`moderator.vote.record.methods.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={action.pending}>
        {t('moderator.vote.record.submit')}
      </button>
      <ActionError error={action.error} />
      <p aria-live="polite" className="ok" data-testid="moderator-recorded-ballot">
        {done}
      </p>
    </form>
  );
}

/** What a vote is about: its question and, for a motion, a link to the text being voted. */
function VoteHeading({ heading, vote, itemTitle }: { heading: string; vote: VoteView; itemTitle: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{heading}</h3>
      <p className="question">{vote.question}</p>
      {vote.motionId ? (
        <p>
          <Link to={`/mociones/${vote.motionId}`}>
            {t('moderator.vote.motionLink', { title: itemTitle })}
          </Link>
        </p>
      ) : null}
    </>
  );
}

/** The latest closed vote: outcome, counts and the resolution it issued. */
function ClosedVote({
  vote,
  resolution,
  itemTitle,
}: {
  vote: VoteView;
  resolution: ResolutionIssued | null;
  itemTitle: string;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const tally = vote.tally;
  const number = vote.resolutionNumber ?? (resolution?.voteId === vote.id ? resolution.number : null);
  return (
    <div>
      <VoteHeading heading={t('moderator.vote.result')} vote={vote} itemTitle={itemTitle} />
      {vote.secret ? (
        <p>
          <strong>{t('secretVote.badge')}</strong>
        </p>
      ) : null}
      {tally ? (
        <>
          <p className={`outcome ${tally.outcome}`} aria-live="polite" data-testid="moderator-vote-outcome">
            {t(`board.${tally.outcome}`)}
          </p>
          <p>{t('board.counts', { ...tally.counts })}</p>
          <p className="muted">
            {t('board.required', { count: tally.required, rule: t(`rule.${vote.rule}`) })}
          </p>
        </>
      ) : null}
      {vote.closedAt ? (
        <p className="muted">
          {t('moderator.vote.closedAt', { when: format.dateTime(vote.closedAt) })}
          {vote.closedBy ? ` ${t(`moderator.vote.closedBy.${vote.closedBy}`)}` : ''}
        </p>
      ) : null}
      {number ? (
        <p aria-live="polite">
          {t('moderator.vote.resolution')}: <Link to={`/resoluciones/${number}`}>{number}</Link>
        </p>
      ) : tally?.outcome === 'adopted' && vote.kind !== 'procedural' ? (
        <p className="muted" aria-live="polite">
          {t('moderator.vote.resolutionPending')}
        </p>
      ) : null}
    </div>
  );
}

/** The deadline field's minutes: empty = none; otherwise a whole number from 1 to 10080 (a week). */
function parseMinutes(raw: string): number | null | 'invalid' {
  const text = raw.trim();
  if (!text) return null;
  if (!/^\d+$/.test(text)) return 'invalid';
  const minutes = Number(text);
  return minutes >= 1 && minutes <= 10080 ? minutes : 'invalid';
}

/**
 * Opens a vote on the current item under the reglamento in force: the kind of decision (a motion may be
 * put as a kind the assembly added), its counting rule (a choice only where the reglamento allows one),
 * the question and a deadline in minutes.
 */
function OpenVoteForm({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const action = useAction();
  const rules = useRules({ fresh: true });
  const minutesRef = useRef<HTMLInputElement>(null);
  const [minutesError, setMinutesError] = useState(false);
  const { session } = snapshot;
  const item = snapshot.agenda.find((i) => i.id === session.currentItemId) ?? null;
  const procedural = !!item && !item.motionId;
  const onFloor = procedural ? 'procedural' : item?.kind === 'amendment' ? 'amendment' : 'motion';
  // A motion counts as the kind the Mesa qualified it as when admitting it (the API reads it too).
  const [qualified, setQualified] = useState<string | null>(null);
  const motionId = onFloor === 'motion' ? (item?.motionId ?? null) : null;
  useEffect(() => {
    setQualified(null);
    if (!motionId) return;
    let live = true;
    api<MotionDetail>('GET', `/api/motions/${motionId}`).then(
      (motion) => live && setQualified(motion.decision),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [motionId]);
  const decision = rules?.decisions.find((d) => d.kind === (qualified ?? onFloor)) ?? null;
  const [chosenRule, setChosenRule] = useState<string | null>(null);
  const rule =
    decision && !decision.moderatorMayChoose ? decision.rule : (chosenRule ?? decision?.rule ?? 'simple');
  const language = i18n.language === 'en' ? 'en' : 'es';
  const blocked =
    session.status !== 'open'
      ? 'needsOpen'
      : !item
        ? 'noItem'
        : !snapshot.attendance.quorum.hasQuorum
          ? 'needsQuorum'
          : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const question = String(form.get('question') ?? '').trim();
    const minutes = parseMinutes(String(form.get('minutes') ?? ''));
    if (minutes === 'invalid') {
      setMinutesError(true);
      minutesRef.current?.focus();
      return;
    }
    setMinutesError(false);
    void action.run(
      () =>
        api('POST', `/api/sessions/${session.id}/votes`, {
          ...(!decision || decision.moderatorMayChoose ? { rule } : {}),
          ...(procedural ? { procedural: true } : {}),
          ...(question ? { question } : {}),
          ...(minutes ? { durationSeconds: minutes * 60 } : {}),
        }),
      () => {
        formElement.reset();
        setChosenRule(null);
      },
    );
  };
  return (
    <form onSubmit={submit} className="mod-inline-form">
      {item ? (
        <p>
          {item.motionId ? (
            <Link to={`/mociones/${item.motionId}`}>{t('moderator.vote.on', { title: item.title })}</Link>
          ) : (
            t('moderator.vote.on', { title: item.title })
          )}
        </p>
      ) : null}
      {procedural ? <p className="muted">{t('moderator.vote.procedural')}</p> : null}
      {blocked ? (
        <p className="warning" id={`${id}-blocked`}>
          {t(`moderator.vote.${blocked}`)}
        </p>
      ) : null}
      {qualified && decision ? (
        <p>{t('voteForm.qualified', { decision: decision.label[language] })}</p>
      ) : null}
      {(decision as { secret?: boolean } | null)?.secret && rules ? (
        <p data-testid="vote-form-secret">
          <strong>{t('secretVote.badge')}</strong> ·{' '}
          {t('secretVote.mesa.willBeSecret', { version: rules.version })}
        </p>
      ) : null}
      {decision && rules && !decision.moderatorMayChoose ? (
        <p>{t('voteForm.fixedRule', { rule: t(`rule.${decision.rule}`), version: rules.version })}</p>
      ) : (
        <div className="mod-field">
          <label>
            {t('moderator.vote.rule')}
            <select
              name="rule"
              value={rule}
              onChange={(e) => setChosenRule(e.target.value)}
              aria-describedby={decision ? `${id}-rh` : undefined}
            >
              {RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`rule.${r}`)}
                </option>
              ))}
            </select>
          </label>
          {decision && rules ? (
            <span className="muted mod-hint" id={`${id}-rh`}>
              {t('voteForm.ruleHint', {
                version: rules.version,
                decision: decision.label[language],
                rule: t(`rule.${decision.rule}`),
              })}
            </span>
          ) : null}
        </div>
      )}
      {rules && rules.minimumOpenSeconds > 0 ? (
        <p className="muted">{t('voteForm.minimumOpen', { seconds: rules.minimumOpenSeconds })}</p>
      ) : null}
      {rules?.minimumTurnout ? <p className="muted">{t('voteForm.turnout', rules.minimumTurnout)}</p> : null}
      <div className="mod-field">
        <label>
          {t('moderator.vote.question')}
          <textarea
            name="question"
            rows={2}
            minLength={3}
            maxLength={1000}
            required={procedural}
            aria-describedby={procedural ? undefined : `${id}-qh`}
          />
        </label>
        {procedural ? null : (
          <span className="muted mod-hint" id={`${id}-qh`}>
            {t('moderator.vote.questionHint')}
          </span>
        )}
      </div>
      <div className="mod-field">
        <label>
          {t('moderator.vote.minutes')}
          <input
            ref={minutesRef}
            name="minutes"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={minutesError || undefined}
            aria-describedby={minutesError ? `${id}-me ${id}-mh` : `${id}-mh`}
            onChange={(e) => {
              if (minutesError && parseMinutes(e.target.value) !== 'invalid') setMinutesError(false);
            }}
          />
        </label>
        {minutesError ? (
          <span className="error mod-hint mod-field-error" id={`${id}-me`} role="alert">
            {t('moderator.vote.minutesInvalid')}
          </span>
        ) : null}
        <span className="muted mod-hint" id={`${id}-mh`}>
          {t('moderator.vote.minutesHint')}
        </span>
      </div>
      <button
        type="submit"
        disabled={action.pending || !!blocked}
        aria-describedby={blocked ? `${id}-blocked` : undefined}
      >
        {t('moderator.vote.open')}
      </button>
      <ActionError error={action.error} />
    </form>
  );
}

/** The vote section: the form to open one, the open one, or the latest result. */
export function VotePanel({
  snapshot,
  lastEvent,
  lastResolution,
}: {
  snapshot: SessionSnapshot;
  lastEvent: LiveEnvelope | null;
  lastResolution: ResolutionIssued | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const vote = snapshot.vote;
  const open = vote?.status === 'open' ? vote : null;
  const itemTitle = snapshot.agenda.find((i) => i.id === vote?.itemId)?.title ?? vote?.question ?? '';
  // Checked in: the seats counted, and alternates in the room beside their titular.
  const { presentDelegateIds, uncountedDelegateIds } = snapshot.attendance;
  const present = useMemo(
    () => new Set([...presentDelegateIds, ...uncountedDelegateIds]),
    [presentDelegateIds, uncountedDelegateIds],
  );
  return (
    <section className="panel" id="mesa-vote" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.vote.heading')}</h2>
      {open ? <OpenVote vote={open} lastEvent={lastEvent} itemTitle={itemTitle} present={present} /> : null}
      {!open && vote ? <ClosedVote vote={vote} resolution={lastResolution} itemTitle={itemTitle} /> : null}
      {!open && snapshot.session.status !== 'closed' ? <OpenVoteForm snapshot={snapshot} /> : null}
    </section>
  );
}
