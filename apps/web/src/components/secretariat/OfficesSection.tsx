import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { addCatalogue } from '../../i18n';
import { officesEn } from '../../locales/offices.en';
import { officesEs } from '../../locales/offices.es';
import { useRecordFormat } from '../../pages/Motion';
import { ActionError, useAction } from '../feedback';
import { limaInputToIso } from '../moderator/time';
import { SecTable } from './SecTable';
import {
  COMMISSION_RANKS,
  MESA_RANKS,
  type Account,
  type Bilingual,
  type Commission,
  type Office,
  type Position,
  type Term,
} from './types';

addCatalogue(officesEs, officesEn);

interface Register {
  commissions: Commission[];
  positions: Position[];
  terms: Term[];
  offices: Office[];
  accounts: Account[];
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The page's language of a bilingual name (Spanish first). */
function useBilingual() {
  const { i18n } = useTranslation();
  return (value: Bilingual) => (i18n.language.startsWith('en') ? value.en : value.es);
}

function CreatedNote({ message }: { message: string | null }) {
  return message ? (
    <p role="status" className="ok">
      {message}
    </p>
  ) : null;
}

function CreateTerm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const label = text(form, 'label');
    setDone(null);
    void action.run(
      () =>
        api<Term>('POST', '/api/terms', {
          label,
          startsAt: new Date(limaInputToIso(`${text(form, 'startsAt')}T00:00`)).toISOString(),
          endsAt: new Date(limaInputToIso(`${text(form, 'endsAt')}T00:00`)).toISOString(),
        }),
      () => {
        element.reset();
        setDone(t('offices.termCreated', { label }));
        onCreated();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('offices.createTerm')}</h4>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('offices.termLabel')}
          <input name="label" required minLength={3} maxLength={100} placeholder="Mesa Directiva 2027" />
        </label>
        <label>
          {t('offices.startsOn')}
          <input name="startsAt" type="date" required />
        </label>
        <label>
          {t('offices.endsOn')}
          <input name="endsAt" type="date" required aria-describedby={`${id}-end`} />
        </label>
        <span id={`${id}-end`} className="muted sec-hint">
          {t('offices.endsOnHint')}
        </span>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('offices.createTermButton')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
      <CreatedNote message={done} />
    </section>
  );
}

function CreateCommission({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const name = { es: text(form, 'nameEs'), en: text(form, 'nameEn') };
    setDone(null);
    void action.run(
      () => api<Commission>('POST', '/api/commissions', { name }),
      () => {
        element.reset();
        setDone(t('offices.commissionCreated', { name: name.es }));
        onCreated();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('offices.createCommission')}</h4>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('offices.nameEs')}
          <input name="nameEs" required minLength={3} maxLength={200} lang="es" />
        </label>
        <label>
          {t('offices.nameEn')}
          <input name="nameEn" required minLength={3} maxLength={200} lang="en" />
        </label>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('offices.createCommissionButton')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
      <CreatedNote message={done} />
    </section>
  );
}

function CreatePosition({ commissions, onCreated }: { commissions: Commission[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const name = useBilingual();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [body, setBody] = useState<'mesa' | 'commission'>('mesa');
  const ranks = body === 'mesa' ? MESA_RANKS : COMMISSION_RANKS;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const title = { es: text(form, 'titleEs'), en: text(form, 'titleEn') };
    setDone(null);
    void action.run(
      () =>
        api<Position>('POST', '/api/positions', {
          body,
          ...(body === 'commission' ? { commissionId: text(form, 'commissionId') } : {}),
          rank: text(form, 'rank'),
          title,
          seats: Number(text(form, 'seats')),
        }),
      () => {
        element.reset();
        setBody('mesa');
        setDone(t('offices.positionCreated', { title: title.es }));
        onCreated();
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('offices.createPosition')}</h4>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('offices.body')}
          <select
            name="body"
            value={body}
            onChange={(e) => setBody(e.target.value === 'commission' ? 'commission' : 'mesa')}
          >
            <option value="mesa">{t('offices.bodies.mesa')}</option>
            <option value="commission" disabled={commissions.length === 0}>
              {t('offices.bodies.commission')}
            </option>
          </select>
        </label>
        {body === 'commission' ? (
          <label>
            {t('offices.commission')}
            <select name="commissionId" required>
              {commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c.name)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('offices.rank')}
          <select name="rank" key={body}>
            {ranks.map((rank) => (
              <option key={rank} value={rank}>
                {t(`offices.ranks.${rank}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('offices.titleEs')}
          <input name="titleEs" required minLength={3} maxLength={200} lang="es" />
        </label>
        <label>
          {t('offices.titleEn')}
          <input name="titleEn" required minLength={3} maxLength={200} lang="en" />
        </label>
        <label>
          {t('offices.seats')}
          <input name="seats" type="number" min={1} max={100} defaultValue={1} required />
        </label>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('offices.createPositionButton')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
      <CreatedNote message={done} />
    </section>
  );
}

function AssignOffice({ register, onAssigned }: { register: Register; onAssigned: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const name = useBilingual();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const accounts = register.accounts.filter((a) => a.active);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const holder = accounts.find((a) => a.id === text(form, 'holderId'));
    setDone(null);
    void action.run(
      () =>
        api<Office>('POST', '/api/offices', {
          positionId: text(form, 'positionId'),
          termId: text(form, 'termId'),
          holderId: text(form, 'holderId'),
        }),
      () => {
        setDone(t('offices.assigned', { name: holder?.displayName ?? '' }));
        onAssigned();
      },
    );
  };
  if (register.positions.length === 0 || register.terms.length === 0)
    return <p className="muted">{t('offices.assignNeeds')}</p>;
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('offices.assign')}</h4>
      <p className="muted">{t('offices.assignHelp')}</p>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('offices.position')}
          <select name="positionId" required>
            {register.positions.map((p) => (
              <option key={p.id} value={p.id}>
                {name(p.title)}
                {p.commissionId
                  ? ` · ${name(register.commissions.find((c) => c.id === p.commissionId)?.name ?? { es: '', en: '' })}`
                  : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('offices.term')}
          <select name="termId" required>
            {register.terms.map((term) => (
              <option key={term.id} value={term.id}>
                {term.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('offices.holder')}
          <select name="holderId" required>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName} · {a.email}
              </option>
            ))}
          </select>
        </label>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('offices.assignButton')}
          </button>
        </p>
      </form>
      <ActionError error={action.error} />
      <CreatedNote message={done} />
    </section>
  );
}

/**
 * "Mesa y comisiones": the terms of office, the positions of the Mesa Directiva and of each commission,
 * and who holds each (elected, or appointed here to start the first term). The scheduled job applies
 * each office's start and end; the register says when it did.
 */
export function OfficesSection() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const name = useBilingual();
  const [register, setRegister] = useState<Register | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([
      api<Commission[]>('GET', '/api/commissions'),
      api<Position[]>('GET', '/api/positions'),
      api<Term[]>('GET', '/api/terms'),
      api<Office[]>('GET', '/api/offices'),
      api<Account[]>('GET', '/api/users'),
    ]).then(
      ([commissions, positions, terms, offices, accounts]) =>
        setRegister({ commissions, positions, terms, offices, accounts }),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!register) return <p role="status">{t('secretariat.common.loading')}</p>;
  const positionName = (p: Position) =>
    p.commissionId
      ? `${name(p.title)} · ${name(register.commissions.find((c) => c.id === p.commissionId)?.name ?? { es: '', en: '' })}`
      : name(p.title);
  const holderName = (o: Office) =>
    register.accounts.find((a) => a.id === o.holderId)?.displayName ?? o.holderId;
  const state = (o: Office) =>
    o.leftAt
      ? t('offices.states.left', { date: format.date(o.leftAt) })
      : o.takenAt
        ? t('offices.states.taken', { date: format.date(o.takenAt) })
        : t('offices.states.pending', { date: format.date(o.startsAt) });
  return (
    <section aria-labelledby="sec-offices-h">
      <h2 id="sec-offices-h">{t('offices.heading')}</h2>
      <p>{t('offices.intro')}</p>

      <h3>{t('offices.terms')}</h3>
      {register.terms.length === 0 ? (
        <p>{t('offices.noTerms')}</p>
      ) : (
        <SecTable label={t('offices.terms')} columns={[t('offices.termLabel'), t('offices.span')]}>
          {register.terms.map((term) => (
            <tr key={term.id}>
              <th scope="row">{term.label}</th>
              <td>
                {t('offices.spanValue', {
                  start: format.date(term.startsAt),
                  end: format.date(term.endsAt),
                })}
              </td>
            </tr>
          ))}
        </SecTable>
      )}
      <CreateTerm onCreated={load} />

      <h3>{t('offices.positions')}</h3>
      {register.positions.length === 0 ? (
        <p>{t('offices.noPositions')}</p>
      ) : (
        <SecTable
          label={t('offices.positions')}
          columns={[t('offices.position'), t('offices.body'), t('offices.rank'), t('offices.seats')]}
        >
          {register.positions.map((p) => (
            <tr key={p.id}>
              <th scope="row">{positionName(p)}</th>
              <td>{t(`offices.bodies.${p.body}`)}</td>
              <td>{t(`offices.ranks.${p.rank}`)}</td>
              <td>{p.seats}</td>
            </tr>
          ))}
        </SecTable>
      )}
      <CreateCommission onCreated={load} />
      <CreatePosition commissions={register.commissions} onCreated={load} />

      <h3>{t('offices.offices')}</h3>
      {register.offices.length === 0 ? (
        <p>{t('offices.noOffices')}</p>
      ) : (
        <SecTable
          label={t('offices.offices')}
          columns={[
            t('offices.holder'),
            t('offices.position'),
            t('offices.term'),
            t('offices.how'),
            t('offices.state'),
          ]}
        >
          {register.offices.map((o) => {
            const position = register.positions.find((p) => p.id === o.positionId);
            return (
              <tr key={o.id}>
                <th scope="row">{holderName(o)}</th>
                <td>{position ? positionName(position) : o.positionId}</td>
                <td>{register.terms.find((term) => term.id === o.termId)?.label ?? o.termId}</td>
                <td>{o.electionId ? t('offices.elected') : t('offices.appointed')}</td>
                <td>{state(o)}</td>
              </tr>
            );
          })}
        </SecTable>
      )}
      <AssignOffice register={register} onAssigned={load} />
    </section>
  );
}
