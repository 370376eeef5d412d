import type { FoundQuestionBallotView } from '#contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';
import { keptTracker } from '../elections/tracker-keeper';
import './catalogue';

/**
 * A voter's own check of a secret question (POST /api/votes/:id/find-ballot): the tracker kept on this
 * device comes prefilled, another can be typed in; the answer says the ballot is published and counted,
 * with its choice, or why not. Anyone may ask: the tracker is what makes it theirs.
 */
export function FindQuestionBallot({ voteId }: { voteId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [found, setFound] = useState<FoundQuestionBallotView | null>(null);
  const kept = keptTracker(voteId);
  return (
    <div className="sq-find">
      <h3 id={`${id}-h`}>{t('secretVote.find.heading')}</h3>
      <form
        aria-labelledby={`${id}-h`}
        onSubmit={(event) => {
          event.preventDefault();
          const tracker = String(new FormData(event.currentTarget).get('tracker') ?? '').trim();
          setFound(null);
          void action.run(
            () => api<FoundQuestionBallotView>('POST', `/api/votes/${voteId}/find-ballot`, { tracker }),
            setFound,
          );
        }}
      >
        <label htmlFor={`${id}-tracker`}>{t('secretVote.find.label')}</label>
        <input
          id={`${id}-tracker`}
          name="tracker"
          defaultValue={kept ?? ''}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="el-tracker-input"
        />{' '}
        <button type="submit" disabled={action.pending}>
          {t('secretVote.find.button')}
        </button>
      </form>
      <ActionError error={action.error} />
      <p role="status" data-testid="found-question-ballot" className={found?.found ? 'ok' : undefined}>
        {found
          ? found.found
            ? t('secretVote.find.found', { tracker: found.tracker, choice: t(`choice.${found.choice}`) })
            : t(`secretVote.find.${found.reason}`)
          : null}
      </p>
    </div>
  );
}
