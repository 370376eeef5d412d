import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useRecordFormat } from '../../pages/Motion';
import { ActionError, Confirm, useAction } from '../feedback';
import {
  eventKey,
  WEBHOOK_EVENTS,
  type Delivery,
  type Institution,
  type Webhook,
  type WebhookEvent,
} from './types';
import { SecTable } from './SecTable';

type Shown = { url: string; secret: string };

/** A signing secret, shown this once: a warning, the secret, a copy button, and a way to put it away. */
function SecretOnce({ shown, onDismiss }: { shown: Shown; onDismiss: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'copied' | 'copyFailed' | null>(null);
  useEffect(() => heading.current?.focus(), [shown.secret]);
  return (
    <section className="sec-secret" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('secretariat.webhooks.secretHeading', { url: shown.url })}
      </h3>
      <p className="warning">
        <strong>{t('secretariat.webhooks.secretWarning')}</strong>
      </p>
      <code data-testid="webhook-secret">{shown.secret}</code>
      <p className="sec-row-actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(shown.secret).then(
              () => setCopy('copied'),
              () => setCopy('copyFailed'),
            );
          }}
        >
          {t('secretariat.webhooks.copy')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('secretariat.webhooks.dismiss')}
        </button>
      </p>
      <p role="status" className={copy === 'copyFailed' ? 'error' : 'ok'}>
        {copy ? t(`secretariat.webhooks.${copy}`) : ''}
      </p>
    </section>
  );
}

function RegisterWebhook({
  institution,
  onSecret,
}: {
  institution: string;
  onSecret: (shown: Shown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [noEvent, setNoEvent] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const url = String(new FormData(element).get('url') ?? '').trim();
    if (events.length === 0) {
      setNoEvent(true);
      return;
    }
    setNoEvent(false);
    void action.run(
      () =>
        api<Webhook & { secret: string }>(
          'POST',
          `/api/institutions/${encodeURIComponent(institution)}/webhooks`,
          {
            url,
            events,
          },
        ),
      (created) => {
        element.reset();
        onSecret({ url: created.url, secret: created.secret });
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('secretariat.webhooks.registerHeading')}</h3>
      <form className="sec-form" onSubmit={submit}>
        <div className="sec-field sec-full">
          <label>
            {t('secretariat.webhooks.url')}
            <input name="url" type="url" required maxLength={500} aria-describedby={`${id}-url`} />
          </label>
          <span id={`${id}-url`} className="muted sec-hint">
            {t('secretariat.webhooks.urlHint')}
          </span>
        </div>
        <fieldset className="sec-checks sec-full" aria-describedby={noEvent ? `${id}-none` : undefined}>
          <legend>{t('secretariat.webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) =>
                  setEvents(e.target.checked ? [...events, name] : events.filter((x) => x !== name))
                }
              />{' '}
              {t(`secretariat.webhooks.eventNames.${eventKey(name)}`)}
            </label>
          ))}
          {noEvent ? (
            <p role="alert" className="error" id={`${id}-none`}>
              {t('secretariat.webhooks.pickEvent')}
            </p>
          ) : null}
        </fieldset>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('secretariat.webhooks.register')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
    </section>
  );
}

function WebhookRow({
  hook,
  onSecret,
  onChanged,
}: {
  hook: Webhook;
  onSecret: (shown: Shown) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const action = useAction();
  const [confirming, setConfirming] = useState<'rotate' | 'remove' | null>(null);
  const confirmed = () => {
    if (confirming === 'rotate')
      void action
        .run(
          () => api<Webhook & { secret: string }>('POST', `/api/webhooks/${hook.id}/rotate-secret`),
          (rotated) => {
            onSecret({ url: rotated.url, secret: rotated.secret });
            onChanged();
          },
        )
        .then(() => setConfirming(null));
    else
      void action
        .run(() => api<void>('DELETE', `/api/webhooks/${hook.id}`), onChanged)
        .then(() => setConfirming(null));
  };
  return (
    <tr>
      <th scope="row">
        {hook.url}
        <br />
        <span className="sec-hint">
          {t('secretariat.webhooks.created')}: {format.dateTime(hook.createdAt)}
          {hook.secretRotatedAt
            ? ` · ${t('secretariat.webhooks.rotatedAt', { when: format.dateTime(hook.secretRotatedAt) })}`
            : ''}
        </span>
      </th>
      <td data-label={t('secretariat.webhooks.events')}>
        {hook.events.map((e) => t(`secretariat.webhooks.eventNames.${eventKey(e)}`)).join(', ')}
      </td>
      <td data-label={t('secretariat.webhooks.state')}>
        <span className={`badge ${hook.active ? 'open' : 'suspended'}`}>
          {hook.active ? t('secretariat.webhooks.active') : t('secretariat.webhooks.inactive')}
        </span>
      </td>
      <td>
        {confirming ? (
          <Confirm
            question={t(
              confirming === 'rotate'
                ? 'secretariat.webhooks.confirmRotate'
                : 'secretariat.webhooks.confirmRemove',
              { url: hook.url },
            )}
            confirmLabel={t(
              confirming === 'rotate' ? 'secretariat.webhooks.rotate' : 'secretariat.webhooks.remove',
            )}
            pending={action.pending}
            onConfirm={confirmed}
            onCancel={() => setConfirming(null)}
          />
        ) : hook.active ? (
          <div className="sec-row-actions">
            <button
              type="button"
              aria-label={t('secretariat.webhooks.rotateOf', { url: hook.url })}
              onClick={() => setConfirming('rotate')}
            >
              {t('secretariat.webhooks.rotate')}
            </button>
            <button
              type="button"
              aria-label={t('secretariat.webhooks.removeOf', { url: hook.url })}
              onClick={() => setConfirming('remove')}
            >
              {t('secretariat.webhooks.remove')}
            </button>
          </div>
        ) : (
          t('secretariat.common.none')
        )}
        <ActionError error={action.error} />
      </td>
    </tr>
  );
}

function DeliveryRow({ delivery, onReplayed }: { delivery: Delivery; onReplayed: () => void }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const action = useAction();
  const event = t(`secretariat.webhooks.eventNames.${eventKey(delivery.eventType)}`);
  return (
    <tr>
      <th scope="row">
        {event}
        <br />
        <span className="sec-hint">{format.dateTime(delivery.createdAt)}</span>
      </th>
      <td data-label={t('secretariat.webhooks.url')}>
        <code>{delivery.institution}</code> {delivery.url}
      </td>
      <td data-label={t('secretariat.webhooks.attempts')}>{delivery.attempts}</td>
      <td data-label={t('secretariat.webhooks.lastError')}>
        {delivery.lastError ?? t('secretariat.common.none')}
      </td>
      <td>
        {delivery.status === 'failed' ? (
          <button
            type="button"
            disabled={action.pending}
            aria-label={t('secretariat.webhooks.replayOf', { event, url: delivery.url })}
            onClick={() =>
              void action.run(
                () => api<void>('POST', `/api/webhooks/deliveries/${delivery.id}/replay`),
                onReplayed,
              )
            }
          >
            {t('secretariat.webhooks.replay')}
          </button>
        ) : (
          t('secretariat.common.none')
        )}
        <ActionError error={action.error} />
      </td>
    </tr>
  );
}

type DeliveryStatus = 'failed' | 'pending' | 'delivered';

function Deliveries({ institution, reloadKey }: { institution: string; reloadKey: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<DeliveryStatus>('failed');
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replayed, setReplayed] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    api<Delivery[]>('GET', `/api/webhooks/deliveries?status=${status}&limit=200`).then(
      (list) => {
        if (cancelled) return;
        setRows(list.filter((d) => d.institution === institution));
        setError(null);
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [status, institution, reloadKey, tick]);
  const statusName = t(`secretariat.webhooks.deliveryStatuses.${status}`);
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('secretariat.webhooks.deliveries')}</h3>
      <div className="sec-filters">
        <label>
          {t('secretariat.webhooks.deliveryStatus')}
          <select
            value={status}
            onChange={(e) => {
              setReplayed(false);
              setStatus(e.target.value as DeliveryStatus);
            }}
          >
            {(['failed', 'pending', 'delivered'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`secretariat.webhooks.deliveryStatuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <p>
          <button type="button" onClick={() => setTick((n) => n + 1)}>
            {t('secretariat.webhooks.refresh')}
          </button>
        </p>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {replayed ? (
        <p role="status" className="ok">
          {t('secretariat.webhooks.replayed')}
        </p>
      ) : null}
      {rows === null ? (
        <p role="status">{t('secretariat.common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('secretariat.webhooks.noDeliveries')}</p>
      ) : (
        <SecTable
          label={t('secretariat.webhooks.deliveriesTable', { status: statusName })}
          columns={[
            t('secretariat.webhooks.event'),
            t('secretariat.webhooks.url'),
            t('secretariat.webhooks.attempts'),
            t('secretariat.webhooks.lastError'),
            t('secretariat.common.actions'),
          ]}
        >
          {rows.map((d) => (
            <DeliveryRow
              key={d.id}
              delivery={d}
              onReplayed={() => {
                setReplayed(true);
                setTick((n) => n + 1);
              }}
            />
          ))}
        </SecTable>
      )}
    </section>
  );
}

/** Per institution: its endpoints (register, rotate the secret, deactivate), its deliveries and dead letters. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const id = useId();
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [institution, setInstitution] = useState('');
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    api<Institution[]>('GET', '/api/institutions').then(
      (rows) => {
        setInstitutions(rows);
        setInstitution((current) => current || rows[0]?.code || '');
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  const load = useCallback(() => {
    if (!institution) return;
    api<Webhook[]>('GET', `/api/institutions/${encodeURIComponent(institution)}/webhooks`).then(
      (rows) => {
        setHooks(rows);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [institution]);
  useEffect(load, [load, reload]);
  const changed = () => setReload((n) => n + 1);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('secretariat.webhooks.heading')}</h2>
      <p className="muted">{t('secretariat.webhooks.intro')}</p>
      <label>
        {t('secretariat.webhooks.institution')}
        <select
          value={institution}
          onChange={(e) => {
            setShown(null);
            setHooks(null);
            setInstitution(e.target.value);
          }}
        >
          {institutions.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} · {i.name}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {shown ? <SecretOnce shown={shown} onDismiss={() => setShown(null)} /> : null}
      {institution ? (
        <>
          <h3 id={`${id}-endpoints`}>{t('secretariat.webhooks.endpoints')}</h3>
          {hooks === null ? (
            <p role="status">{t('secretariat.common.loading')}</p>
          ) : hooks.length === 0 ? (
            <p className="muted">{t('secretariat.webhooks.none')}</p>
          ) : (
            <div className="sec-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-endpoints`}>
              <table className="sec-table sec-stack" aria-labelledby={`${id}-endpoints`}>
                <thead>
                  <tr>
                    <th scope="col">{t('secretariat.webhooks.url')}</th>
                    <th scope="col">{t('secretariat.webhooks.events')}</th>
                    <th scope="col">{t('secretariat.webhooks.state')}</th>
                    <th scope="col">{t('secretariat.common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {hooks.map((hook) => (
                    <WebhookRow key={hook.id} hook={hook} onSecret={setShown} onChanged={changed} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <RegisterWebhook
            institution={institution}
            onSecret={(secret) => {
              setShown(secret);
              changed();
            }}
          />
          <Deliveries institution={institution} reloadKey={reload} />
        </>
      ) : null}
    </section>
  );
}
