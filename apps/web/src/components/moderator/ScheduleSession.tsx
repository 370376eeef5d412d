import type { SessionSnapshot } from '#contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useRecordFormat } from '../../pages/Motion';
import { ActionError, useAction } from '../feedback';
import { limaInputToIso, nextHourInLima } from './time';

/** Schedules a session: title, kind, Lima date and time, a place or a virtual link. */
export function ScheduleSession({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const action = useAction();
  const id = useId();
  const [done, setDone] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const place = String(form.get('place') ?? '').trim();
    const virtualUrl = String(form.get('virtualUrl') ?? '').trim();
    setDone(null);
    if (!place && !virtualUrl) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const title = String(form.get('title')).trim();
    void action.run(
      () =>
        api<SessionSnapshot>('POST', '/api/sessions', {
          kind: String(form.get('kind')),
          title,
          scheduledAt: limaInputToIso(String(form.get('scheduledAt'))),
          ...(place ? { place } : {}),
          ...(virtualUrl ? { virtualUrl } : {}),
        }),
      (created) => {
        formElement.reset();
        setDone(t('moderator.schedule.done', { title, when: format.dateTime(created.session.scheduledAt) }));
        onCreated(created.session.id);
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.schedule.heading')}</h2>
      <form onSubmit={submit} className="mod-form">
        <label>
          {t('moderator.schedule.title')}
          <input name="title" required minLength={3} maxLength={300} />
        </label>
        <label>
          {t('moderator.schedule.kind')}
          <select name="kind" defaultValue="ordinary">
            <option value="ordinary">{t('moderator.schedule.kinds.ordinary')}</option>
            <option value="extraordinary">{t('moderator.schedule.kinds.extraordinary')}</option>
          </select>
        </label>
        <div className="mod-field">
          <label>
            {t('moderator.schedule.when')}
            <input
              name="scheduledAt"
              type="datetime-local"
              required
              defaultValue={nextHourInLima()}
              aria-describedby={`${id}-when`}
            />
          </label>
          <span className="muted mod-hint" id={`${id}-when`}>
            {t('moderator.schedule.whenHint')}
          </span>
        </div>
        <label>
          {t('moderator.schedule.place')}
          <input
            name="place"
            minLength={3}
            maxLength={300}
            aria-describedby={missing ? `${id}-miss` : undefined}
          />
        </label>
        <div className="mod-field">
          <label>
            {t('moderator.schedule.virtualUrl')}
            <input
              name="virtualUrl"
              type="url"
              pattern="https://\S{3,500}"
              placeholder="https://"
              aria-describedby={`${id}-url`}
            />
          </label>
          <span className="muted mod-hint" id={`${id}-url`}>
            {t('moderator.schedule.virtualHint')}
          </span>
        </div>
        {missing ? (
          <p role="alert" className="error mod-full" id={`${id}-miss`}>
            {t('moderator.schedule.placeOrLink')}
          </p>
        ) : null}
        <div className="mod-full">
          <button type="submit" disabled={action.pending}>
            {t('moderator.schedule.submit')}
          </button>
          <ActionError error={action.error} />
          {done ? (
            <p role="status" className="ok">
              {done}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
