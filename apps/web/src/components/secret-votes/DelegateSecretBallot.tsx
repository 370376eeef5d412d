import type { MyBallotView, SecretQuestionChoice, SecretQuestionReceipt, VoteView } from '#contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { addCatalogue } from '../../i18n';
import { electionsEn } from '../../locales/elections.en';
import { electionsEs } from '../../locales/elections.es';
import { TrackerPanel } from '../elections/TrackerPanel';
import { keepTracker, keptTracker, trackerFor } from '../elections/tracker-keeper';
import { ActionError, Confirm, useAction } from '../feedback';
import { FindQuestionBallot } from './FindQuestionBallot';
import './catalogue';
import './secret-votes.css';

// The tracker panel's own words (heading, copy button) are the elections'.
addCatalogue(electionsEs, electionsEn);

const CHOICES: SecretQuestionChoice[] = ['yes', 'no', 'abstain'];

/** A ballot cast on another device: its tracker may be typed in here to change the ballot from here. */
function TrackerElsewhere({ voteId, onKept }: { voteId: string; onKept: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState(false);
  return (
    <form
      className="sq-elsewhere"
      onSubmit={(event) => {
        event.preventDefault();
        const typed = String(new FormData(event.currentTarget).get('tracker') ?? '');
        if (keepTracker(voteId, typed)) onKept();
        else setProblem(true);
      }}
    >
      <p>{t('secretVote.elsewhere')}</p>
      <label htmlFor={`${id}-t`}>{t('secretVote.find.label')}</label>
      <input
        id={`${id}-t`}
        name="tracker"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-invalid={problem || undefined}
        aria-describedby={problem ? `${id}-e` : undefined}
      />{' '}
      <button type="submit">{t('secretVote.useTracker')}</button>
      {problem ? (
        <p role="alert" className="error" id={`${id}-e`}>
          {t('secretVote.find.malformed')}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The delegate's secret ballot on a question the reglamento marks secret: what is secret and what is
 * public in plain words, yes / no / abstain confirmed before sending, the tracker (drawn and kept on this
 * device, the box being the vote) shown after, a change of mind with the same tracker until the close,
 * and after the close the check that the ballot was published and counted. The choice is never kept
 * here nor shown back: only the server's box holds it, by tracker.
 */
export function DelegateSecretBallot({
  vote,
  mine,
  questionId,
  onCast,
}: {
  vote: VoteView;
  /** The delegate's standing (entitled, participated) from GET …/my-ballot. */
  mine: MyBallotView;
  /** The question's element, naming the group of choices. */
  questionId: string;
  onCast: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const { clear } = action;
  const [receipt, setReceipt] = useState<SecretQuestionReceipt | null>(null);
  const [changing, setChanging] = useState(false);
  const [intent, setIntent] = useState<SecretQuestionChoice | null>(null);
  const [, setKeptAgain] = useState(0);
  const buttons = useRef(new Map<SecretQuestionChoice, HTMLButtonElement>());
  const doneRef = useRef<HTMLDivElement>(null);
  const [focusDone, setFocusDone] = useState(0);
  const [focusChoices, setFocusChoices] = useState(0);
  useEffect(() => {
    if (focusDone) doneRef.current?.focus();
  }, [focusDone]);
  useEffect(() => {
    if (focusChoices) buttons.current.get('yes')?.focus();
  }, [focusChoices]);
  useEffect(() => {
    setReceipt(null);
    setChanging(false);
    setIntent(null);
    clear();
  }, [vote.id, vote.status, clear]);
  const open = vote.status === 'open';
  const participated = mine.participated || (receipt !== null && receipt.voteId === vote.id);
  const kept = keptTracker(vote.id);

  const send = () => {
    if (!intent) return;
    void action.run(
      () =>
        api<SecretQuestionReceipt>('POST', `/api/votes/${vote.id}/secret-ballots`, {
          tracker: trackerFor(vote.id),
          choice: intent,
        }),
      (result) => {
        setReceipt(result);
        setChanging(false);
        setIntent(null);
        setFocusDone((n) => n + 1);
        onCast();
      },
    );
  };

  const explanation = (
    <p className="sq-explain" data-testid="secret-explain">
      <strong className="sq-badge">{t('secretVote.badge')}</strong>{' '}
      {t(open ? 'secretVote.explain' : 'secretVote.explainClosed')}
    </p>
  );

  if (!open)
    return (
      <div className="sq-secret">
        {explanation}
        <p role="status">{participated ? t('secretVote.youVoted') : t('secretVote.didNotVote')}</p>
        {participated && kept ? (
          <TrackerPanel tracker={kept} help={t('secretVote.trackerHelpClosed')} />
        ) : null}
        {participated ? <FindQuestionBallot voteId={vote.id} /> : null}
      </div>
    );

  if (participated && !changing)
    return (
      <div className="sq-secret">
        {explanation}
        <div className="sq-voted" tabIndex={-1} ref={doneRef} data-testid="secret-voted">
          <p role="status" className="ok">
            {receipt?.status === 'replaced'
              ? t('secretVote.replaced')
              : receipt?.status === 'repeat'
                ? t('secretVote.repeat')
                : receipt
                  ? t('secretVote.cast')
                  : t('secretVote.voted')}
          </p>
        </div>
        {kept ? (
          <>
            <TrackerPanel tracker={kept} help={t('secretVote.trackerHelp')} />
            <p>
              <button
                type="button"
                onClick={() => {
                  action.clear();
                  setChanging(true);
                  setFocusChoices((n) => n + 1);
                }}
              >
                {t('secretVote.change')}
              </button>
            </p>
          </>
        ) : (
          <TrackerElsewhere
            voteId={vote.id}
            onKept={() => {
              setKeptAgain((n) => n + 1);
              setChanging(true);
              setFocusChoices((n) => n + 1);
            }}
          />
        )}
      </div>
    );

  return (
    <div className="sq-secret">
      {explanation}
      {changing ? <p>{t('secretVote.changing')}</p> : null}
      <div className="ballot dc-ballot" role="group" aria-labelledby={questionId}>
        {CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`big ${choice}`}
            ref={(el) => {
              if (el) buttons.current.set(choice, el);
              else buttons.current.delete(choice);
            }}
            aria-pressed={intent === choice}
            disabled={action.pending}
            onClick={() => {
              action.clear();
              setIntent(choice);
            }}
          >
            {t(`choice.${choice}`)}
          </button>
        ))}
      </div>
      {intent ? (
        <Confirm
          question={
            changing
              ? t('secretVote.confirmChange', { choice: t(`choice.${intent}`) })
              : t('secretVote.confirm', { choice: t(`choice.${intent}`) })
          }
          confirmLabel={t('secretVote.confirmYes')}
          pending={action.pending}
          onConfirm={send}
          onCancel={() => {
            action.clear();
            buttons.current.get(intent)?.focus();
            setIntent(null);
          }}
        >
          <ActionError error={action.error} />
        </Confirm>
      ) : (
        <ActionError error={action.error} />
      )}
      {changing ? (
        <p>
          <button
            type="button"
            onClick={() => {
              action.clear();
              setIntent(null);
              setChanging(false);
              setFocusDone((n) => n + 1);
            }}
          >
            {t('secretVote.keep')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
