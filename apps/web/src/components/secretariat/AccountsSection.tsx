import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Role } from '../../api';
import { useRoleName } from '../auth';
import { ActionError, Confirm, useAction } from '../feedback';
import { useRecordFormat } from '../../pages/Motion';
import { EnrolmentSlip } from './EnrolmentSlip';
import type { Account, Institution, IssuedEnrolment } from './types';
import { SecTable } from './SecTable';

/** A code just issued, with whose account it opens: shown once, above the table. */
export interface Issued {
  enrolment: IssuedEnrolment;
  name: string;
  email: string;
  /** Shown where it was asked for: under the creation form, or above the table. */
  fromCreation?: boolean;
}

const ROLES: Role[] = ['delegate', 'moderator', 'admin', 'liaison'];

function RoleChecks({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: Role[];
  onChange: (roles: Role[]) => void;
}) {
  const roleName = useRoleName();
  return (
    <fieldset className="sec-checks">
      <legend>{legend}</legend>
      {ROLES.map((role) => (
        <label key={role}>
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
          />{' '}
          {roleName(role)}
        </label>
      ))}
    </fieldset>
  );
}

function CreateAccount({
  institutions,
  onCreated,
}: {
  institutions: Institution[];
  onCreated: (issued: Issued | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [roles, setRoles] = useState<Role[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const institutionId = String(form.get('institutionId') ?? '');
    const displayName = String(form.get('displayName') ?? '').trim();
    setDone(null);
    void action.run(
      () =>
        api<Account & { enrolment?: IssuedEnrolment | null }>('POST', '/api/users', {
          email: String(form.get('email') ?? '').trim(),
          displayName,
          roles,
          ...(institutionId ? { institutionId } : {}),
        }),
      (created) => {
        element.reset();
        setRoles([]);
        setDone(t('secretariat.accounts.created', { name: displayName }));
        onCreated(
          created.enrolment
            ? {
                enrolment: created.enrolment,
                name: created.displayName,
                email: created.email,
                fromCreation: true,
              }
            : null,
        );
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('secretariat.accounts.createHeading')}</h3>
      <p className="muted">{t('secretariat.accounts.createHint')}</p>
      <form className="sec-form" onSubmit={submit}>
        <label>
          {t('secretariat.accounts.name')}
          <input name="displayName" required maxLength={200} autoComplete="off" />
        </label>
        <label>
          {t('secretariat.accounts.email')}
          <input name="email" type="email" required maxLength={254} autoComplete="off" />
        </label>
        <div className="sec-field">
          <label>
            {t('secretariat.accounts.institution')}
            <select name="institutionId" defaultValue="" aria-describedby={`${id}-inst`}>
              <option value="">{t('secretariat.accounts.noInstitution')}</option>
              {institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code} · {i.name}
                </option>
              ))}
            </select>
          </label>
          <span id={`${id}-inst`} className="muted sec-hint">
            {t('secretariat.accounts.institutionHint')}
          </span>
        </div>
        <div className="sec-full">
          <RoleChecks legend={t('secretariat.accounts.roles')} value={roles} onChange={setRoles} />
        </div>
        <p>
          <button type="submit" disabled={action.pending}>
            {t('secretariat.accounts.create')}
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

function AccountRow({
  account,
  institutions,
  self,
  onChanged,
  onIssued,
}: {
  account: Account;
  institutions: Institution[];
  self: boolean;
  onChanged: () => void;
  onIssued: (issued: Issued) => void;
}) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const format = useRecordFormat();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const accessButton = useRef<HTMLButtonElement>(null);
  const issue = () =>
    action.run(
      () => api<IssuedEnrolment>('POST', `/api/users/${account.id}/enrolment`),
      (enrolment) => {
        setConfirmingReset(false);
        onIssued({ enrolment, name: account.displayName, email: account.email });
        onChanged();
      },
    );
  const cancelReset = () => {
    setConfirmingReset(false);
    requestAnimationFrame(() => accessButton.current?.focus());
  };
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [institutionId, setInstitutionId] = useState(account.institutionId ?? '');
  const institution = institutions.find((i) => i.id === account.institutionId);
  const patch = (body: object) =>
    action.run(
      () => api<Account>('PATCH', `/api/users/${account.id}`, body),
      () => {
        setEditing(false);
        setConfirming(false);
        onChanged();
      },
    );
  return (
    <tr>
      <th scope="row">
        {account.displayName} {self ? <span className="muted">{t('secretariat.accounts.you')}</span> : null}
        <br />
        <span className="sec-hint">{account.email}</span>
      </th>
      <td data-label={t('secretariat.accounts.roles')}>
        {account.roles.map(roleName).join(', ') || t('secretariat.common.none')}
      </td>
      <td data-label={t('secretariat.accounts.institution')}>
        {institution ? institution.code : t('secretariat.common.none')}
      </td>
      <td data-label={t('secretariat.accounts.state')}>
        <span className={`badge ${account.active ? 'open' : 'suspended'}`}>
          {account.active ? t('secretariat.accounts.active') : t('secretariat.accounts.inactive')}
        </span>
      </td>
      <td className="sec-access" data-label={t('secretariat.accounts.access')}>
        {account.passwordSet ? (
          t('secretariat.accounts.hasPassword')
        ) : account.pendingEnrolment ? (
          <span className="sec-access-pending">
            {t('secretariat.accounts.pending', { date: format.dateTime(account.pendingEnrolment.expiresAt) })}
          </span>
        ) : (
          <span className="sec-access-none">{t('secretariat.accounts.noAccess')}</span>
        )}
      </td>
      <td>
        {editing ? (
          <div>
            <RoleChecks
              legend={t('secretariat.accounts.rolesOf', { name: account.displayName })}
              value={roles}
              onChange={setRoles}
            />
            <label>
              {t('secretariat.accounts.institution')}
              <select value={institutionId} onChange={(e) => setInstitutionId(e.target.value)}>
                <option value="">{t('secretariat.accounts.noInstitution')}</option>
                {institutions.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.code}
                  </option>
                ))}
              </select>
            </label>
            <div className="sec-row-actions">
              <button
                type="button"
                disabled={action.pending}
                onClick={() => void patch({ roles, institutionId: institutionId || null })}
              >
                {t('secretariat.accounts.saveRoles')}
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                {t('secretariat.common.close')}
              </button>
            </div>
          </div>
        ) : confirmingReset ? (
          <Confirm
            question={t('secretariat.accounts.confirmReset', { name: account.displayName })}
            confirmLabel={t('secretariat.accounts.reset')}
            pending={action.pending}
            onConfirm={() => void issue()}
            onCancel={cancelReset}
          />
        ) : confirming ? (
          <Confirm
            question={t('secretariat.accounts.confirmDeactivate', { name: account.displayName })}
            confirmLabel={t('secretariat.accounts.deactivate')}
            pending={action.pending}
            onConfirm={() => void patch({ active: false })}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <div className="sec-row-actions">
            <button
              type="button"
              aria-label={t('secretariat.accounts.rolesOf', { name: account.displayName })}
              onClick={() => setEditing(true)}
            >
              {t('secretariat.accounts.roles')}
            </button>
            {account.active ? (
              <button
                type="button"
                ref={accessButton}
                disabled={self || action.pending}
                aria-label={
                  account.passwordSet
                    ? t('secretariat.accounts.resetOf', { name: account.displayName })
                    : t('secretariat.accounts.issueOf', { name: account.displayName })
                }
                onClick={() => (account.passwordSet ? setConfirmingReset(true) : void issue())}
              >
                {account.passwordSet ? t('secretariat.accounts.reset') : t('secretariat.accounts.issue')}
              </button>
            ) : null}
            {account.active ? (
              <button
                type="button"
                disabled={self}
                aria-label={`${t('secretariat.accounts.deactivate')}: ${account.displayName}`}
                onClick={() => setConfirming(true)}
              >
                {t('secretariat.accounts.deactivate')}
              </button>
            ) : (
              <button
                type="button"
                disabled={action.pending}
                aria-label={`${t('secretariat.accounts.reactivate')}: ${account.displayName}`}
                onClick={() => void patch({ active: true })}
              >
                {t('secretariat.accounts.reactivate')}
              </button>
            )}
          </div>
        )}
        <ActionError error={action.error} />
      </td>
    </tr>
  );
}

/** Accounts and their roles: create, change roles (and a liaison's institution), deactivate. */
export function AccountsSection({ selfId }: { selfId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const load = useCallback(() => {
    api<Account[]>('GET', '/api/users').then(
      (rows) => {
        setAccounts(rows);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    load();
    api<Institution[]>('GET', '/api/institutions').then(setInstitutions, () => setInstitutions([]));
  }, [load]);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('secretariat.accounts.heading')}</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {issued && !issued.fromCreation ? (
        <EnrolmentSlip
          enrolment={issued.enrolment}
          name={issued.name}
          email={issued.email}
          onClose={() => setIssued(null)}
        />
      ) : null}
      {accounts === null ? (
        <p role="status">{t('secretariat.common.loading')}</p>
      ) : (
        <SecTable
          label={t('secretariat.accounts.table')}
          columns={[
            t('secretariat.accounts.name'),
            t('secretariat.accounts.roles'),
            t('secretariat.accounts.institution'),
            t('secretariat.accounts.state'),
            t('secretariat.accounts.access'),
            t('secretariat.common.actions'),
          ]}
        >
          {accounts.map((account) => (
            <AccountRow
              key={`${account.id}:${account.roles.join()}:${account.active}:${account.passwordSet}`}
              account={account}
              institutions={institutions}
              self={account.id === selfId}
              onChanged={load}
              onIssued={setIssued}
            />
          ))}
        </SecTable>
      )}
      <CreateAccount
        institutions={institutions}
        onCreated={(created) => {
          load();
          if (created) setIssued(created);
        }}
      />
      {issued?.fromCreation ? (
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
