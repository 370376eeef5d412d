import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, Confirm, useAction } from '../feedback';
import { INSTITUTION_KINDS, type Institution, type InstitutionKind } from './types';
import { SecTable } from './SecTable';

function KindSelect({ defaultValue }: { defaultValue?: InstitutionKind }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('secretariat.institutions.kind')}
      <select name="kind" defaultValue={defaultValue ?? 'directorate'}>
        {INSTITUTION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`secretariat.institutions.kinds.${kind}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function CreateInstitution({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const code = String(form.get('code') ?? '')
      .trim()
      .toUpperCase();
    setDone(null);
    void action.run(
      () =>
        api<Institution>('POST', '/api/institutions', {
          code,
          name: String(form.get('name') ?? '').trim(),
          kind: String(form.get('kind')),
        }),
      () => {
        element.reset();
        setDone(t('secretariat.institutions.created', { code }));
        onCreated();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('secretariat.institutions.createHeading')}</h3>
      <form className="sec-form" onSubmit={submit}>
        <div className="sec-field">
          <label>
            {t('secretariat.institutions.code')}
            <input
              name="code"
              required
              pattern="[A-Za-z0-9][A-Za-z0-9\-]{1,31}"
              aria-describedby={`${id}-code`}
              autoComplete="off"
            />
          </label>
          <span id={`${id}-code`} className="muted sec-hint">
            {t('secretariat.institutions.codeHint')}
          </span>
        </div>
        <label>
          {t('secretariat.institutions.name')}
          <input name="name" required minLength={3} maxLength={200} />
        </label>
        <KindSelect />
        <p>
          <button type="submit" disabled={action.pending}>
            {t('secretariat.institutions.create')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
      {done ? (
        <p role="status" className="ok">
          {done}
        </p>
      ) : null}
    </section>
  );
}

function EditInstitution({
  institution,
  onSaved,
  onClose,
}: {
  institution: Institution;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [institution.code]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void action.run(
      () =>
        api<Institution>('PATCH', `/api/institutions/${encodeURIComponent(institution.code)}`, {
          name: String(form.get('name') ?? '').trim(),
          kind: String(form.get('kind')),
          active: form.get('active') === 'on',
        }),
      () => {
        onSaved();
        onClose();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('secretariat.institutions.editHeading', { code: institution.code })}
      </h3>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('secretariat.institutions.name')}
          <input name="name" required minLength={3} maxLength={200} defaultValue={institution.name} />
        </label>
        <KindSelect defaultValue={institution.kind} />
        <label className="sec-inline">
          <input type="checkbox" name="active" defaultChecked={institution.active} />{' '}
          {t('secretariat.institutions.activeLabel')}
        </label>
        <p className="sec-row-actions">
          <button type="submit" disabled={action.pending}>
            {t('secretariat.common.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('secretariat.common.close')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
    </section>
  );
}

function InstitutionRow({
  institution,
  onEdit,
  onRemoved,
}: {
  institution: Institution;
  onEdit: () => void;
  onRemoved: (code: string) => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row">
        <code>{institution.code}</code>
      </th>
      <td data-label={t('secretariat.institutions.name')}>{institution.name}</td>
      <td data-label={t('secretariat.institutions.kind')}>
        {t(`secretariat.institutions.kinds.${institution.kind}`)}
      </td>
      <td data-label={t('secretariat.institutions.state')}>
        <span className={`badge ${institution.active ? 'open' : 'suspended'}`}>
          {institution.active ? t('secretariat.institutions.active') : t('secretariat.institutions.inactive')}
        </span>
      </td>
      <td>
        {confirming ? (
          <Confirm
            question={t('secretariat.institutions.confirmRemove', { code: institution.code })}
            confirmLabel={t('secretariat.institutions.remove')}
            pending={action.pending}
            onConfirm={() =>
              void action
                .run(
                  () => api<void>('DELETE', `/api/institutions/${encodeURIComponent(institution.code)}`),
                  () => onRemoved(institution.code),
                )
                .then(() => setConfirming(false))
            }
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <div className="sec-row-actions">
            <button
              type="button"
              aria-label={t('secretariat.institutions.editOf', { code: institution.code })}
              onClick={onEdit}
            >
              {t('secretariat.common.edit')}
            </button>
            <button
              type="button"
              aria-label={t('secretariat.institutions.removeOf', { code: institution.code })}
              onClick={() => {
                action.clear();
                setConfirming(true);
              }}
            >
              {t('secretariat.institutions.remove')}
            </button>
          </div>
        )}
        <ActionError error={action.error} />
      </td>
    </tr>
  );
}

/** Institutions resolutions can bind: list (deactivated ones too), register, edit, remove. */
export function InstitutionsSection() {
  const { t } = useTranslation();
  const id = useId();
  const [institutions, setInstitutions] = useState<Institution[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const load = useCallback(() => {
    api<Institution[]>('GET', '/api/institutions?all=true').then(
      (rows) => {
        setInstitutions(rows);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);
  const current = institutions?.find((i) => i.code === editing);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('secretariat.institutions.heading')}</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {removed ? (
        <p role="status" className="ok">
          {t('secretariat.institutions.removed', { code: removed })}
        </p>
      ) : null}
      {institutions === null ? (
        <p role="status">{t('secretariat.common.loading')}</p>
      ) : (
        <SecTable
          label={t('secretariat.institutions.table')}
          columns={[
            t('secretariat.institutions.code'),
            t('secretariat.institutions.name'),
            t('secretariat.institutions.kind'),
            t('secretariat.institutions.state'),
            t('secretariat.common.actions'),
          ]}
        >
          {institutions.map((institution) => (
            <InstitutionRow
              key={institution.code}
              institution={institution}
              onEdit={() => setEditing(institution.code)}
              onRemoved={(code) => {
                setRemoved(code);
                load();
              }}
            />
          ))}
        </SecTable>
      )}
      {current ? (
        <EditInstitution
          key={current.code}
          institution={current}
          onSaved={load}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <CreateInstitution onCreated={load} />
    </section>
  );
}
