import type { AgendaItemView, SessionSnapshot } from '#contracts';
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';

/** A button showing its verb, named «<verb>: <item title>» (the item's title is on the line above). */
function ItemButton({
  verb,
  title,
  onClick,
  disabled,
  className,
}: {
  verb: string;
  title: string;
  onClick: () => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      onClick={onClick}
      aria-label={`${verb}: ${title}`}
    >
      {verb}
    </button>
  );
}

/** One agenda item with only the actions its status allows (see sessions.service). */
function AgendaRow({
  item,
  index,
  agenda,
  snapshot,
}: {
  item: AgendaItemView;
  index: number;
  agenda: AgendaItemView[];
  snapshot: SessionSnapshot;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const order = useAction();
  const { session } = snapshot;
  const base = `/api/sessions/${session.id}/agenda`;
  const isOpen = session.status === 'open';
  const notClosed = session.status !== 'closed';
  const current = session.currentItemId === item.id;
  const speaking = !!snapshot.currentSpeech && snapshot.currentSpeech.itemId === item.id;
  const canStart = isOpen && item.status === 'pending' && !session.currentItemId;
  const canFinish =
    isOpen && item.status === 'in_debate' && (item.kind === 'report' || item.kind === 'topic');
  const canDefer = isOpen && (item.status === 'pending' || item.status === 'in_debate');
  const canRemove = notClosed && item.status === 'pending';
  const step = (verb: 'start' | 'finish' | 'defer') =>
    void action.run(() => api('POST', `${base}/${item.id}/${verb}`));
  const move = (by: -1 | 1) => {
    const ids = agenda.map((i) => i.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    void order.run(() => api('PATCH', base, { itemIds: ids }));
  };
  return (
    <li className={`mod-item${current ? ' mod-current' : ''}`} aria-current={current ? 'step' : undefined}>
      <p className="mod-motion-title">
        <span className="badge">{t(`moderator.agenda.kinds.${item.kind}`)}</span>
        {item.motionId ? (
          <Link to={`/mociones/${item.motionId}`}>{item.title}</Link>
        ) : (
          <strong>{item.title}</strong>
        )}{' '}
        <span className={`badge mod-status-${item.status}`}>{t(`agendaStatus.${item.status}`)}</span>
        {current ? <span className="ok"> · {t('moderator.agenda.current')}</span> : null}
      </p>
      <div className="row">
        {canStart ? (
          <ItemButton
            verb={t('moderator.agenda.start')}
            title={item.title}
            disabled={action.pending}
            onClick={() => step('start')}
          />
        ) : null}
        {canFinish ? (
          <ItemButton
            verb={t('moderator.agenda.finish')}
            title={item.title}
            disabled={action.pending || speaking}
            onClick={() => step('finish')}
          />
        ) : null}
        {canDefer ? (
          <ItemButton
            verb={t('moderator.agenda.defer')}
            title={item.title}
            className="mod-secondary"
            disabled={action.pending || speaking}
            onClick={() => step('defer')}
          />
        ) : null}
        {canRemove ? (
          <ItemButton
            verb={t('moderator.agenda.remove')}
            title={item.title}
            className="mod-secondary"
            disabled={action.pending}
            onClick={() => void action.run(() => api('DELETE', `${base}/${item.id}`))}
          />
        ) : null}
        {notClosed ? (
          <>
            <ItemButton
              verb={t('moderator.agenda.up')}
              title={item.title}
              className="mod-secondary"
              disabled={order.pending || index === 0}
              onClick={() => move(-1)}
            />
            <ItemButton
              verb={t('moderator.agenda.down')}
              title={item.title}
              className="mod-secondary"
              disabled={order.pending || index === agenda.length - 1}
              onClick={() => move(1)}
            />
          </>
        ) : null}
      </div>
      <ActionError error={action.error} />
      <ActionError error={order.error} />
    </li>
  );
}

/** Adds a report or a free topic with its title. */
function AddTopic({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    void action.run(
      () =>
        api('POST', `/api/sessions/${sessionId}/agenda`, {
          kind: String(form.get('kind')),
          title: String(form.get('title')).trim(),
        }),
      () => formElement.reset(),
    );
  };
  return (
    <form onSubmit={submit} className="mod-inline-form">
      <h3>{t('moderator.agenda.add')}</h3>
      <div className="mod-fields">
        <label>
          {t('moderator.agenda.itemKind')}
          <select name="kind" defaultValue="topic">
            <option value="topic">{t('moderator.agenda.kinds.topic')}</option>
            <option value="report">{t('moderator.agenda.kinds.report')}</option>
          </select>
        </label>
        <label className="mod-grow">
          {t('moderator.agenda.topicTitle')}
          <input name="title" required minLength={3} maxLength={300} />
        </label>
      </div>
      <button type="submit" disabled={action.pending}>
        {t('moderator.agenda.submit')}
      </button>
      <ActionError error={action.error} />
    </form>
  );
}

/** The order of business: add, reorder, start, finish, defer, remove. */
export function AgendaPanel({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation();
  const id = useId();
  const agenda = snapshot.agenda;
  return (
    <section className="panel" id="mesa-agenda" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.agenda.heading')}</h2>
      {snapshot.session.status !== 'open' && snapshot.session.status !== 'closed' ? (
        <p className="muted">{t('moderator.agenda.needsOpen')}</p>
      ) : null}
      {agenda.length === 0 ? (
        <p className="muted">{t('moderator.agenda.empty')}</p>
      ) : (
        <ol className="mod-list mod-agenda">
          {agenda.map((item, index) => (
            <AgendaRow key={item.id} item={item} index={index} agenda={agenda} snapshot={snapshot} />
          ))}
        </ol>
      )}
      {snapshot.session.status !== 'closed' ? <AddTopic sessionId={snapshot.session.id} /> : null}
    </section>
  );
}
