import type { CandidateMark, ElectionBallotSpec, ElectionChoice } from '#domain/elections/election-method';
import { checkElectionBallot, choicesAllowed, explainMethod } from '#domain/elections/election-method';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface BallotCandidate {
  id: string;
  name: string;
  /** e.g. the candidate's province, shown beside the name. */
  detail?: string | null;
}

type Kind = 'candidates' | 'blank' | 'null';

/** What the ballot says, in words, for the confirmation step and the screen reader. */
export function describeChoice(
  choice: ElectionChoice,
  names: ReadonlyMap<string, string>,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  switch (choice.kind) {
    case 'blank':
      return t('elections.ballot.blank');
    case 'null':
      return t('elections.ballot.null');
    case 'candidates':
      return choice.candidates.map((id) => names.get(id) ?? id).join(', ');
    case 'marks':
      return Object.entries(choice.marks)
        .map(([id, mark]) => `${names.get(id) ?? id}: ${t(`choice.${mark}`)}`)
        .join('; ');
  }
}

/**
 * A secret ballot for an election, keyboard first: the method explained in plain words, the candidates as
 * radio buttons (one choice), check boxes (approval of up to N) or a yes/no/abstain group per candidate;
 * a blank or spoiled ballot on purpose; then a confirmation that reads the ballot back before it is sent.
 * Checked with the domain's own rule before sending, so a refusal is said here, at the ballot.
 */
export function ElectionBallotForm({
  spec,
  candidates,
  busy,
  error,
  onCast,
  submitLabel,
}: {
  spec: ElectionBallotSpec;
  candidates: BallotCandidate[];
  busy: boolean;
  /** The server's refusal, shown at the ballot. */
  error: string | null;
  onCast: (choice: ElectionChoice) => void;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const perCandidate = spec.method === 'yes_no_abstain_per_candidate';
  const max = choicesAllowed(spec);
  const [kind, setKind] = useState<Kind>('candidates');
  const [picked, setPicked] = useState<string[]>([]);
  const [marks, setMarks] = useState<Record<string, CandidateMark>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [review, setReview] = useState<ElectionChoice | null>(null);
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const explanation = explainMethod(spec);

  const current = (): ElectionChoice =>
    kind !== 'candidates'
      ? { kind }
      : perCandidate
        ? { kind: 'marks', marks }
        : { kind: 'candidates', candidates: picked };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkElectionBallot(spec, current());
    if (!check.ok) {
      setProblem(
        t(`elections.ballot.problems.${check.code}`, {
          defaultValue: t('elections.ballot.problems.other'),
          max,
          name: names.get(String(check.params.candidate ?? '')) ?? '',
        }),
      );
      return;
    }
    setProblem(null);
    setReview(check.choice);
  };

  const togglePick = (id: string, on: boolean) => {
    setReview(null);
    if (spec.method === 'single_choice') setPicked(on ? [id] : []);
    else setPicked((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));
  };

  if (review)
    return (
      <div className="el-review" role="group" aria-labelledby={`${uid}-review`}>
        <h3 id={`${uid}-review`}>{t('elections.ballot.review')}</h3>
        <p className="el-review-choice" data-testid="ballot-review">
          {describeChoice(review, names, t)}
        </p>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" onClick={() => onCast(review)} disabled={busy} autoFocus>
            {busy ? t('elections.ballot.sending') : submitLabel}
          </button>
          <button type="button" onClick={() => setReview(null)} disabled={busy}>
            {t('elections.ballot.correct')}
          </button>
        </div>
      </div>
    );

  return (
    <form onSubmit={submit} noValidate aria-describedby={`${uid}-how`}>
      <p id={`${uid}-how`} className="el-how">
        {i18n.language.startsWith('en') ? explanation.en : explanation.es}
      </p>
      <fieldset className="el-kind">
        <legend>{t('elections.ballot.kind')}</legend>
        {(['candidates', 'blank', 'null'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`${uid}-kind`}
              value={value}
              checked={kind === value}
              onChange={() => {
                setKind(value);
                setReview(null);
              }}
            />{' '}
            {t(`elections.ballot.kinds.${value}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'candidates' ? (
        perCandidate ? (
          candidates.map((candidate) => (
            <fieldset key={candidate.id} className="el-candidate">
              <legend>
                {candidate.name}
                {candidate.detail ? <span className="muted"> · {candidate.detail}</span> : null}
              </legend>
              {(['yes', 'no', 'abstain'] as const).map((mark) => (
                <label key={mark}>
                  <input
                    type="radio"
                    name={`${uid}-mark-${candidate.id}`}
                    value={mark}
                    checked={marks[candidate.id] === mark}
                    onChange={() => setMarks((m) => ({ ...m, [candidate.id]: mark }))}
                  />{' '}
                  {t(`choice.${mark}`)}
                </label>
              ))}
            </fieldset>
          ))
        ) : (
          <fieldset className="el-candidates">
            <legend>
              {spec.method === 'single_choice'
                ? t('elections.ballot.pickOne')
                : t('elections.ballot.pickUpTo', { count: max })}
            </legend>
            {candidates.map((candidate) => {
              const on = picked.includes(candidate.id);
              return (
                <label key={candidate.id}>
                  <input
                    type={spec.method === 'single_choice' ? 'radio' : 'checkbox'}
                    name={`${uid}-candidate`}
                    value={candidate.id}
                    checked={on}
                    disabled={!on && spec.method !== 'single_choice' && picked.length >= max}
                    onChange={(e) => togglePick(candidate.id, e.target.checked)}
                  />{' '}
                  {candidate.name}
                  {candidate.detail ? <span className="muted"> · {candidate.detail}</span> : null}
                </label>
              );
            })}
            {spec.method !== 'single_choice' ? (
              <p className="muted" aria-live="polite">
                {t('elections.ballot.pickedOf', { count: picked.length, max })}
              </p>
            ) : null}
          </fieldset>
        )
      ) : null}
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      <button type="submit">{t('elections.ballot.next')}</button>
    </form>
  );
}
