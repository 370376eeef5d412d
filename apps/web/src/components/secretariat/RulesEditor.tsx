import type { AssemblyRulesContent, AssemblyRulesView, RulesVersionView } from '#contracts';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { useRecordFormat } from '../../pages/Motion';
import { forgetRules } from '../../rules';
import { ActionError, useAction } from '../feedback';
import { limaInputToIso } from '../moderator/time';
import '../secret-votes/catalogue';

const RULES = [
  'simple',
  'absolute_present',
  'absolute_members',
  'two_thirds_cast',
  'two_thirds_members',
] as const;
const BUILT_IN = ['motion', 'amendment', 'procedural'];
const KIND = /^[a-z][a-z0-9_]{1,39}$/;

/** `secret`: voted by secret ballot (absent: not), docs/secret-ballots.md. */
type Decision = AssemblyRulesContent['decisions'][number] & { secret?: boolean };

function contentOf(view: AssemblyRulesView): AssemblyRulesContent {
  return {
    quorum: view.quorum,
    cosponsorThreshold: view.cosponsorThreshold,
    speechSeconds: view.speechSeconds,
    decisions: view.decisions,
    minimumOpenSeconds: view.minimumOpenSeconds,
    minimumTurnout: view.minimumTurnout,
    compliance: view.compliance,
    secondFactorRoles: view.secondFactorRoles ?? ['admin', 'moderator'],
  };
}

/** A whole-number field of the form, labelled, with its limits checked by the browser and the API. */
function NumberField({
  label,
  value,
  min,
  max,
  onChange,
  hint,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="mod-field">
      <label>
        {label}
        <input
          type="number"
          inputMode="numeric"
          required
          min={min}
          max={max}
          step={1}
          value={Number.isNaN(value) ? '' : value}
          aria-describedby={hint ? `${id}-h` : undefined}
          onChange={(e) => onChange(e.target.valueAsNumber)}
        />
      </label>
      {hint ? (
        <span className="muted mod-hint" id={`${id}-h`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** One kind of decision: its names, its counting rule and whether the moderator may choose another. */
function DecisionRow({
  decision,
  onChange,
  onRemove,
}: {
  decision: Decision;
  onChange: (next: Decision) => void;
  onRemove?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const name = decision.label[i18n.language === 'en' ? 'en' : 'es'] || decision.kind;
  return (
    <fieldset className="rules-decision">
      <legend>
        {name}
        {BUILT_IN.includes(decision.kind) ? null : (
          <>
            {' '}
            <code>{decision.kind}</code>
          </>
        )}
      </legend>
      <label>
        {t('rulesEditor.labelEs')}
        <input
          required
          maxLength={80}
          lang="es"
          value={decision.label.es}
          onChange={(e) => onChange({ ...decision, label: { ...decision.label, es: e.target.value } })}
        />
      </label>
      <label>
        {t('rulesEditor.labelEn')}
        <input
          required
          maxLength={80}
          lang="en"
          value={decision.label.en}
          onChange={(e) => onChange({ ...decision, label: { ...decision.label, en: e.target.value } })}
        />
      </label>
      <label>
        {t('rulesEditor.rule')}
        <select
          value={decision.rule}
          onChange={(e) => onChange({ ...decision, rule: e.target.value as Decision['rule'] })}
        >
          {RULES.map((rule) => (
            <option key={rule} value={rule}>
              {t(`rule.${rule}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={decision.moderatorMayChoose}
          onChange={(e) => onChange({ ...decision, moderatorMayChoose: e.target.checked })}
        />
        {t('rulesEditor.mayChoose')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={decision.secret === true}
          aria-describedby={`${id}-secret`}
          onChange={(e) => {
            const { secret: _dropped, ...rest } = decision;
            onChange(e.target.checked ? { ...rest, secret: true } : rest);
          }}
        />
        {t('secretVote.rules.field')}
      </label>
      <span className="muted mod-hint" id={`${id}-secret`}>
        {t('secretVote.rules.hint')}
      </span>
      {onRemove ? (
        <button type="button" className="secondary" onClick={onRemove}>
          {t('rulesEditor.remove', { name })}
        </button>
      ) : null}
    </fieldset>
  );
}

/**
 * The secretariat adopts a new version of the reglamento: the whole of it, prefilled with the version in
 * force, from now or from a chosen time in Lima. The API checks it again and answers coded errors.
 */
export function RulesEditor() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const action = useAction();
  const [inForce, setInForce] = useState<AssemblyRulesView | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [draft, setDraft] = useState<AssemblyRulesContent | null>(null);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [from, setFrom] = useState('');
  const [fromError, setFromError] = useState(false);
  const [note, setNote] = useState('');
  const [newKind, setNewKind] = useState('');
  const [newKindError, setNewKindError] = useState(false);
  const [adopted, setAdopted] = useState<RulesVersionView | null>(null);

  const load = useCallback(() => {
    setLoadFailed(false);
    api<AssemblyRulesView>('GET', '/api/rules').then(
      (rules) => {
        setInForce(rules);
        setDraft(contentOf(rules));
      },
      () => setLoadFailed(true),
    );
  }, []);
  useEffect(load, [load]);

  if (!draft || !inForce)
    return loadFailed ? (
      <div role="alert">
        <p>{t('reglamento.loadFailed')}</p>
        <button type="button" onClick={load}>
          {t('reglamento.retry')}
        </button>
      </div>
    ) : (
      <p role="status">{t('rulesEditor.loading')}</p>
    );

  const nextVersion = Math.max(inForce.version, ...inForce.pending.map((p) => p.version)) + 1;
  const set = (changes: Partial<AssemblyRulesContent>) => setDraft({ ...draft, ...changes });
  const setDecision = (index: number, next: Decision) =>
    set({ decisions: draft.decisions.map((d, i) => (i === index ? next : d)) });

  const addKind = () => {
    const kind = newKind.trim();
    if (!KIND.test(kind) || draft.decisions.some((d) => d.kind === kind)) {
      setNewKindError(true);
      return;
    }
    setNewKindError(false);
    setNewKind('');
    set({
      decisions: [
        ...draft.decisions,
        { kind, label: { es: kind, en: kind }, rule: 'absolute_present', moderatorMayChoose: false },
      ],
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let effectiveAt: string | undefined;
    if (when === 'later') {
      const iso = from ? limaInputToIso(from) : '';
      if (!iso || Number.isNaN(Date.parse(iso)) || Date.parse(iso) <= Date.now()) {
        setFromError(true);
        return;
      }
      effectiveAt = new Date(iso).toISOString();
    }
    setFromError(false);
    void action.run(
      () =>
        api<RulesVersionView>('POST', '/api/rules/versions', {
          rules: draft,
          ...(effectiveAt ? { effectiveAt } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      (version) => {
        setAdopted(version);
        setNote('');
        forgetRules();
        load();
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-h`} className="rules-editor">
      <h3 id={`${id}-h`}>{t('rulesEditor.heading')}</h3>
      <p>{t('rulesEditor.intro')}</p>
      <p>
        <Link to="/reglamento">{t('rulesEditor.current', { version: inForce.version })}</Link>
      </p>
      <form onSubmit={submit} noValidate={false}>
        <fieldset>
          <legend>{t('rulesEditor.quorum')}</legend>
          <div className="rules-fraction">
            <NumberField
              label={t('rulesEditor.numerator')}
              value={draft.quorum.numerator}
              min={1}
              max={999}
              onChange={(numerator) => set({ quorum: { ...draft.quorum, numerator } })}
            />
            <NumberField
              label={t('rulesEditor.denominator')}
              value={draft.quorum.denominator}
              min={2}
              max={1000}
              onChange={(denominator) => set({ quorum: { ...draft.quorum, denominator } })}
              hint={t('rulesEditor.quorumHint')}
            />
          </div>
        </fieldset>
        <NumberField
          label={t('rulesEditor.cosponsorThreshold')}
          value={draft.cosponsorThreshold}
          min={0}
          max={1000}
          onChange={(cosponsorThreshold) => set({ cosponsorThreshold })}
        />
        <NumberField
          label={t('rulesEditor.speechSeconds')}
          value={draft.speechSeconds}
          min={1}
          max={3600}
          onChange={(speechSeconds) => set({ speechSeconds })}
        />
        <fieldset>
          <legend>{t('rulesEditor.decisions')}</legend>
          {draft.decisions.map((decision, index) => (
            <DecisionRow
              key={decision.kind}
              decision={decision}
              onChange={(next) => setDecision(index, next)}
              onRemove={
                BUILT_IN.includes(decision.kind)
                  ? undefined
                  : () => set({ decisions: draft.decisions.filter((_, i) => i !== index) })
              }
            />
          ))}
          <div className="mod-field">
            <label>
              {t('rulesEditor.newKind')}
              <input
                value={newKind}
                onChange={(e) => setNewKind(e.target.value)}
                aria-invalid={newKindError || undefined}
                aria-describedby={newKindError ? `${id}-ke ${id}-kh` : `${id}-kh`}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addKind();
                  }
                }}
              />
            </label>
            {newKindError ? (
              <span className="error mod-hint" id={`${id}-ke`} role="alert">
                {t('rulesEditor.newKindInvalid')}
              </span>
            ) : null}
            <span className="muted mod-hint" id={`${id}-kh`}>
              {t('rulesEditor.newKindHint')}
            </span>
            <button type="button" className="secondary" onClick={addKind}>
              {t('rulesEditor.addKind')}
            </button>
          </div>
        </fieldset>
        <NumberField
          label={t('rulesEditor.minimumOpenSeconds')}
          value={draft.minimumOpenSeconds}
          min={0}
          max={86400}
          onChange={(minimumOpenSeconds) => set({ minimumOpenSeconds })}
        />
        <fieldset>
          <legend>{t('reglamento.turnout')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.minimumTurnout !== null}
              onChange={(e) =>
                set({ minimumTurnout: e.target.checked ? { numerator: 1, denominator: 2 } : null })
              }
            />
            {t('rulesEditor.useTurnout')}
          </label>
          {draft.minimumTurnout ? (
            <div className="rules-fraction">
              <NumberField
                label={t('rulesEditor.numerator')}
                value={draft.minimumTurnout.numerator}
                min={1}
                max={1000}
                onChange={(numerator) => set({ minimumTurnout: { ...draft.minimumTurnout!, numerator } })}
              />
              <NumberField
                label={t('rulesEditor.denominator')}
                value={draft.minimumTurnout.denominator}
                min={1}
                max={1000}
                onChange={(denominator) => set({ minimumTurnout: { ...draft.minimumTurnout!, denominator } })}
              />
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t('reglamento.compliance')}</legend>
          <NumberField
            label={t('rulesEditor.defaultDeadlineDays')}
            value={draft.compliance.defaultDeadlineDays}
            min={1}
            max={3650}
            onChange={(defaultDeadlineDays) =>
              set({ compliance: { ...draft.compliance, defaultDeadlineDays } })
            }
          />
          <NumberField
            label={t('rulesEditor.warningDays')}
            value={draft.compliance.warningDays}
            min={0}
            max={365}
            onChange={(warningDays) => set({ compliance: { ...draft.compliance, warningDays } })}
          />
        </fieldset>
        <fieldset>
          <legend>{t('reglamento.secondFactor')}</legend>
          <p className="muted">{t('reglamento.secondFactorHint')}</p>
          {(['admin', 'moderator', 'delegate', 'liaison'] as const).map((role) => (
            <label className="check" key={role}>
              <input
                type="checkbox"
                checked={draft.secondFactorRoles?.includes(role) ?? false}
                onChange={(e) => {
                  const others = (draft.secondFactorRoles ?? []).filter((r) => r !== role);
                  set({ secondFactorRoles: e.target.checked ? [...others, role] : others });
                }}
              />
              {t(`roles.${role}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('rulesEditor.effective')}</legend>
          <label className="check">
            <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
            {t('rulesEditor.now')}
          </label>
          <label className="check">
            <input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} />
            {t('rulesEditor.later')}
          </label>
          {when === 'later' ? (
            <div className="mod-field">
              <label>
                {t('rulesEditor.from')}
                <input
                  type="datetime-local"
                  value={from}
                  onChange={(e) => setFrom(e.target.value)}
                  aria-invalid={fromError || undefined}
                  aria-describedby={fromError ? `${id}-fe` : undefined}
                />
              </label>
              {fromError ? (
                <span className="error mod-hint" id={`${id}-fe`} role="alert">
                  {t('rulesEditor.fromInvalid')}
                </span>
              ) : null}
            </div>
          ) : null}
        </fieldset>
        <label>
          {t('rulesEditor.note')}
          <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={action.pending}>
          {t('rulesEditor.submit', { version: nextVersion })}
        </button>
        <ActionError error={action.error} />
        {/* Where the button is: the person sees what their click did without scrolling back up. */}
        {adopted ? (
          <p role="status" className="success">
            {t('rulesEditor.adopted', {
              version: adopted.version,
              when: format.dateTime(adopted.effectiveAt),
            })}
          </p>
        ) : null}
      </form>
    </section>
  );
}
