import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';
import { EnrolmentSlip } from './EnrolmentSlip';
import type { DelegateRecord, DelegateStatus, IssuedEnrolment, Province } from './types';
import { SecTable } from './SecTable';

const STATUSES: DelegateStatus[] = ['active', 'suspended', 'ceased'];
const TERMS = ['current', 'past', 'upcoming'] as const;

/** Today in Lima (the assembly's calendar), as YYYY-MM-DD. */
function limaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date());
}

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/** Titulars a delegate of `province` can stand in for: same province, not alternates, free (or theirs). */
function titularOptions(all: DelegateRecord[], province: string, selfId?: string): DelegateRecord[] {
  return all.filter(
    (d) =>
      d.constituency.code === province &&
      d.alternateOfId === null &&
      d.id !== selfId &&
      (d.alternateId === null || d.alternateId === selfId),
  );
}

function ProvinceSelect({
  provinces,
  name,
  value,
  onChange,
  label,
  any,
}: {
  provinces: Province[];
  name: string;
  value: string;
  onChange: (value: string) => void;
  label: string;
  any?: string;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)} required={!any}>
        {any ? <option value="">{any}</option> : null}
        {provinces.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function SeatForm({
  provinces,
  all,
  onSeated,
}: {
  provinces: Province[];
  all: DelegateRecord[];
  onSeated: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [province, setProvince] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ enrolment: IssuedEnrolment; name: string; email: string } | null>(
    null,
  );
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (!province && provinces[0]) setProvince(provinces[0].code);
  }, [province, provinces]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const fullName = text(form, 'fullName');
    const organization = text(form, 'organization');
    const email = text(form, 'email');
    const alternateOfId = text(form, 'alternateOfId');
    setDone(null);
    setIssued(null);
    void action.run(
      () =>
        api<DelegateRecord & { enrolment?: IssuedEnrolment | null }>('POST', '/api/delegates', {
          fullName,
          documentId: text(form, 'documentId').toUpperCase(),
          constituencyCode: province,
          termStart: text(form, 'termStart'),
          termEnd: text(form, 'termEnd'),
          ...(organization ? { organization } : {}),
          ...(email ? { email } : {}),
          ...(alternateOfId ? { alternateOfId } : {}),
        }),
      (created) => {
        element.reset();
        setDone(
          t(
            email && !created.enrolment
              ? 'secretariat.delegates.seatedLinked'
              : 'secretariat.delegates.seated',
            {
              name: created.fullName,
            },
          ),
        );
        if (created.enrolment) setIssued({ enrolment: created.enrolment, name: created.fullName, email });
        onSeated();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('secretariat.delegates.seatHeading')}</h3>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('secretariat.delegates.fullName')}
          <input ref={first} name="fullName" required minLength={3} maxLength={200} autoComplete="off" />
        </label>
        <div className="sec-field">
          <label>
            {t('secretariat.delegates.documentId')}
            <input
              name="documentId"
              required
              pattern="[0-9A-Za-z]{8,12}"
              aria-describedby={`${id}-doc`}
              autoComplete="off"
            />
          </label>
          <span id={`${id}-doc`} className="muted sec-hint">
            {t('secretariat.delegates.documentHint')}
          </span>
        </div>
        <ProvinceSelect
          provinces={provinces}
          name="constituencyCode"
          value={province}
          onChange={setProvince}
          label={t('secretariat.delegates.province')}
        />
        <label>
          {t('secretariat.delegates.organization')} {t('secretariat.common.optional')}
          <input name="organization" maxLength={200} />
        </label>
        <label>
          {t('secretariat.delegates.termStart')}
          <input name="termStart" type="date" required />
        </label>
        <label>
          {t('secretariat.delegates.termEnd')}
          <input name="termEnd" type="date" required />
        </label>
        <div className="sec-field">
          <label>
            {t('secretariat.delegates.email')} {t('secretariat.common.optional')}
            <input name="email" type="email" maxLength={254} aria-describedby={`${id}-email`} />
          </label>
          <span id={`${id}-email`} className="muted sec-hint">
            {t('secretariat.delegates.emailHint')}
          </span>
        </div>
        <label>
          {t('secretariat.delegates.alternate')}
          <select name="alternateOfId" defaultValue="">
            <option value="">{t('secretariat.delegates.noAlternate')}</option>
            {titularOptions(all, province).map((d) => (
              <option key={d.id} value={d.id}>
                {d.fullName}
              </option>
            ))}
          </select>
        </label>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('secretariat.delegates.seatSubmit')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
      {done ? (
        <p role="status" className="ok">
          {done}
        </p>
      ) : null}
      {issued ? (
        <EnrolmentSlip
          enrolment={issued.enrolment}
          name={issued.name}
          email={issued.email}
          onClose={() => setIssued(null)}
        />
      ) : null}
    </section>
  );
}

function StatusForm({ delegate, onSaved }: { delegate: DelegateRecord; onSaved: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const choices = STATUSES.filter((s) => s !== delegate.status);
  const [next, setNext] = useState<DelegateStatus>(choices[0]!);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setNext(STATUSES.filter((s) => s !== delegate.status)[0]!), [delegate.status]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setDone(null);
    void action.run(
      () =>
        api<DelegateRecord>('PATCH', `/api/delegates/${delegate.id}`, {
          status: next,
          statusDate: text(form, 'statusDate'),
          statusReason: text(form, 'statusReason'),
        }),
      (saved) => {
        element.reset();
        setDone(
          t('secretariat.delegates.statusDone', {
            name: saved.fullName,
            status: t(`secretariat.status.${saved.status}`),
          }),
        );
        onSaved();
      },
    );
  };
  return (
    <form className="sec-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`} className="sec-full">
        {t('secretariat.delegates.statusHeading')}
      </h4>
      <p className="muted">
        {t('secretariat.delegates.currentStatus', { status: t(`secretariat.status.${delegate.status}`) })}
        {delegate.statusSince
          ? ` (${t('secretariat.delegates.since', { date: delegate.statusSince })}${delegate.statusReason ? `: ${delegate.statusReason}` : ''})`
          : ''}
      </p>
      <label>
        {t('secretariat.delegates.newStatus')}
        <select value={next} onChange={(e) => setNext(e.target.value as DelegateStatus)}>
          {choices.map((s) => (
            <option key={s} value={s}>
              {t(`secretariat.delegates.actions.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="sec-field">
        <label>
          {t('secretariat.delegates.statusDate')}
          <input
            name="statusDate"
            type="date"
            required
            defaultValue={limaToday()}
            max={limaToday()}
            aria-describedby={`${id}-date`}
          />
        </label>
        <span id={`${id}-date`} className="muted sec-hint">
          {t('secretariat.delegates.statusDateHint')}
        </span>
      </div>
      <div className="sec-field sec-full">
        <label>
          {t('secretariat.delegates.statusReason')}
          <textarea
            name="statusReason"
            required
            minLength={3}
            maxLength={500}
            rows={2}
            aria-describedby={`${id}-reason`}
          />
        </label>
        <span id={`${id}-reason`} className="muted sec-hint">
          {t('secretariat.delegates.statusReasonHint')}
        </span>
      </div>
      <p>
        <button type="submit" disabled={action.pending}>
          {t(`secretariat.delegates.actions.${next}`)}
        </button>
      </p>
      <div className="sec-full">
        <ActionError error={action.error} />
        {done ? (
          <p role="status" className="ok">
            {done}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function DelegateEditor({
  delegate,
  provinces,
  all,
  onSaved,
  onClose,
}: {
  delegate: DelegateRecord;
  provinces: Province[];
  all: DelegateRecord[];
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const [province, setProvince] = useState(delegate.constituency.code);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [delegate.id]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const alternateOfId = text(form, 'alternateOfId');
    setDone(null);
    void action.run(
      () =>
        api<DelegateRecord>('PATCH', `/api/delegates/${delegate.id}`, {
          fullName: text(form, 'fullName'),
          constituencyCode: province,
          organization: text(form, 'organization') || null,
          termStart: text(form, 'termStart'),
          termEnd: text(form, 'termEnd'),
          alternateOfId: alternateOfId || null,
        }),
      () => {
        setDone(t('secretariat.common.saved'));
        onSaved();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('secretariat.delegates.editHeading', { name: delegate.fullName })}
      </h3>
      <form className="sec-form" onSubmit={submit} key={delegate.id}>
        <label>
          {t('secretariat.delegates.fullName')}
          <input name="fullName" required minLength={3} maxLength={200} defaultValue={delegate.fullName} />
        </label>
        <ProvinceSelect
          provinces={provinces}
          name="constituencyCode"
          value={province}
          onChange={setProvince}
          label={t('secretariat.delegates.province')}
        />
        <label>
          {t('secretariat.delegates.organization')} {t('secretariat.common.optional')}
          <input name="organization" maxLength={200} defaultValue={delegate.organization ?? ''} />
        </label>
        <label>
          {t('secretariat.delegates.termStart')}
          <input name="termStart" type="date" required defaultValue={delegate.termStart} />
        </label>
        <label>
          {t('secretariat.delegates.termEnd')}
          <input name="termEnd" type="date" required defaultValue={delegate.termEnd} />
        </label>
        <label>
          {t('secretariat.delegates.alternate')}
          <select name="alternateOfId" defaultValue={delegate.alternateOfId ?? ''}>
            <option value="">{t('secretariat.delegates.noAlternate')}</option>
            {titularOptions(all, province, delegate.id).map((d) => (
              <option key={d.id} value={d.id}>
                {d.fullName}
              </option>
            ))}
          </select>
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
      {done ? (
        <p role="status" className="ok">
          {done}
        </p>
      ) : null}
      <StatusForm delegate={delegate} onSaved={onSaved} />
    </section>
  );
}

/** The roster: search and filters, seat, edit, suspend or cease with date and reason, alternates. */
export function DelegatesSection() {
  const { t } = useTranslation();
  const id = useId();
  const [provinces, setProvinces] = useState<Province[]>([]);
  const [q, setQ] = useState('');
  const [province, setProvince] = useState('');
  const [status, setStatus] = useState('');
  const [term, setTerm] = useState('');
  const [found, setFound] = useState<DelegateRecord[] | null>(null);
  const [all, setAll] = useState<DelegateRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [seating, setSeating] = useState(false);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  useEffect(() => {
    api<Province[]>('GET', '/api/constituencies').then(setProvinces, () => setProvinces([]));
  }, []);
  useEffect(() => {
    api<DelegateRecord[]>('GET', '/api/delegates').then(setAll, () => undefined);
  }, [reload]);
  useEffect(() => {
    const query = new URLSearchParams();
    if (q.trim()) query.set('q', q.trim());
    if (province) query.set('constituency', province);
    if (status) query.set('status', status);
    if (term) query.set('term', term);
    let cancelled = false;
    const timer = setTimeout(() => {
      api<DelegateRecord[]>('GET', `/api/delegates?${query.toString()}`).then(
        (rows) => {
          if (cancelled) return;
          setFound(rows);
          setError(null);
        },
        (e: Error) => !cancelled && setError(e.message),
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, province, status, term, reload]);
  const names = useMemo(() => new Map(all.map((d) => [d.id, d.fullName])), [all]);
  const current = all.find((d) => d.id === editing) ?? found?.find((d) => d.id === editing);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('secretariat.delegates.heading')}</h2>
      <p>
        <button
          type="button"
          aria-expanded={seating}
          aria-controls={`${id}-seat`}
          onClick={() => setSeating((open) => !open)}
        >
          {t('secretariat.delegates.seatHeading')}
        </button>
      </p>
      <div id={`${id}-seat`} hidden={!seating}>
        {seating ? <SeatForm provinces={provinces} all={all} onSeated={refresh} /> : null}
      </div>
      <form
        className="sec-filters"
        role="search"
        aria-label={t('secretariat.delegates.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('secretariat.delegates.search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
        </label>
        <ProvinceSelect
          provinces={provinces}
          name="constituency"
          value={province}
          onChange={setProvince}
          label={t('secretariat.delegates.province')}
          any={t('secretariat.delegates.anyProvince')}
        />
        <label>
          {t('secretariat.delegates.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('secretariat.delegates.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`secretariat.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('secretariat.delegates.term')}
          <select value={term} onChange={(e) => setTerm(e.target.value)}>
            <option value="">{t('secretariat.delegates.anyTerm')}</option>
            {TERMS.map((s) => (
              <option key={s} value={s}>
                {t(`secretariat.delegates.terms.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {found === null ? (
        <p role="status">{t('secretariat.common.loading')}</p>
      ) : (
        <>
          <p role="status">{t('secretariat.delegates.results', { count: found.length })}</p>
          {found.length === 0 ? (
            <p className="muted">{t('secretariat.delegates.none')}</p>
          ) : (
            <SecTable
              label={t('secretariat.delegates.table')}
              columns={[
                t('secretariat.delegates.name'),
                t('secretariat.delegates.province'),
                t('secretariat.delegates.status'),
                t('secretariat.delegates.termCol'),
                t('secretariat.delegates.seat'),
                t('secretariat.common.actions'),
              ]}
            >
              {found.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.fullName}
                    <br />
                    <span className="muted sec-hint">
                      {t('secretariat.delegates.document')}: {d.documentId}
                      {d.organization ? ` · ${d.organization}` : ''}
                    </span>
                  </th>
                  <td data-label={t('secretariat.delegates.province')}>{d.constituency.name}</td>
                  <td data-label={t('secretariat.delegates.status')}>
                    <span className={`badge ${d.status}`}>{t(`secretariat.status.${d.status}`)}</span>
                    {d.statusSince ? (
                      <span className="sec-hint">
                        {' '}
                        {t('secretariat.delegates.since', { date: d.statusSince })}
                      </span>
                    ) : null}
                  </td>
                  <td data-label={t('secretariat.delegates.termCol')}>
                    {d.termStart} – {d.termEnd}
                  </td>
                  <td data-label={t('secretariat.delegates.seat')}>
                    {d.alternateOfId
                      ? t('secretariat.delegates.alternateOf', {
                          name: names.get(d.alternateOfId) ?? '…',
                        })
                      : t('secretariat.delegates.titular')}
                    {d.alternateId ? (
                      <>
                        <br />
                        <span className="sec-hint">
                          {t('secretariat.delegates.hasAlternate', {
                            name: names.get(d.alternateId) ?? '…',
                          })}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('secretariat.delegates.editOf', { name: d.fullName })}
                      aria-expanded={editing === d.id}
                      onClick={() => setEditing(editing === d.id ? null : d.id)}
                    >
                      {t('secretariat.common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </SecTable>
          )}
        </>
      )}
      {current ? (
        <DelegateEditor
          key={current.id}
          delegate={current}
          provinces={provinces}
          all={all}
          onSaved={refresh}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}
