import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AppealDecisionSubmission, type Appeal } from '@counterweight/shared/appeal';
import type { StatementOfReasons } from '@counterweight/shared/statement';
import { ACTIONS } from '@counterweight/shared/taxonomy';
import { api } from '../common/api-client';
import { Field } from '../common/field';
import { fieldErrors, focusFirstError, type FieldErrors } from '../common/field-errors';
import { countdown, when } from '../common/format';
import { StatementView } from '../common/statement-view';
import { TaxonomyOptions } from '../taxonomy';

const FRIENDLY: Record<string, string> = {
  reasons: 'Give your reasons: the appellant and the public statement will read them.',
  action: 'A modified decision needs its new action; an upheld one keeps its action.',
  territorialScope: 'List the territories (two-letter codes such as DE, FR).',
};

/** Deciding one appeal: the statement and the grounds side by side, then the outcome. */
function AppealCase({ appeal, onDecided }: { appeal: Appeal; onDecided: (note: string) => void }) {
  const [statement, setStatement] = useState<StatementOfReasons | null>(null);
  const [outcome, setOutcome] = useState<'upheld' | 'reversed' | 'modified'>('upheld');
  const [action, setAction] = useState('');
  const [territories, setTerritories] = useState('');
  const [reasons, setReasons] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    api<StatementOfReasons>(`/v1/decisions/${appeal.decisionId}/statement`)
      .then(setStatement)
      .catch((e) => setFailure(e.message));
  }, [appeal.decisionId]);

  const body = () => ({
    outcome,
    reasons,
    ...(outcome === 'upheld' || !action ? {} : { action }),
    ...(action === 'disable_in_territory' && outcome !== 'upheld'
      ? {
          territorialScope: territories
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((t) => t.toUpperCase()),
        }
      : {}),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = AppealDecisionSubmission.safeParse(body());
    if (!parsed.success) {
      const found = fieldErrors(parsed.error.issues, FRIENDLY);
      setErrors(found);
      focusFirstError(form.current, found);
      return;
    }
    setErrors({});
    try {
      await api(`/v1/appeals/${appeal.id}/decision`, { method: 'POST', body: parsed.data });
      onDecided(`Appeal on ${appeal.caseNumber} decided: ${outcome}.`);
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  return (
    <article className="appeal-case" aria-labelledby="appeal-title">
      <h2 id="appeal-title">
        Appeal on {appeal.caseNumber}{' '}
        <span className={appeal.overdue ? 'badge danger' : 'badge'}>
          due {countdown(appeal.dueAt)}
        </span>
      </h2>
      <div className="side-by-side">
        <section aria-labelledby="original-title">
          <h3 id="original-title">The decision and its statement of reasons</h3>
          {statement ? <StatementView statement={statement} /> : <p className="hint">Loading…</p>}
        </section>
        <section aria-labelledby="grounds-title">
          <h3 id="grounds-title">
            Grounds of the {appeal.appellant === 'reporter' ? 'reporter' : 'content provider'}
          </h3>
          <blockquote data-testid="appeal-grounds">
            {appeal.grounds ?? 'The grounds were purged under the retention rule.'}
          </blockquote>
          <p className="hint">Filed {when(appeal.filedAt)}.</p>
        </section>
      </div>
      <form ref={form} onSubmit={submit} noValidate aria-label="Appeal decision">
        <Field id="appeal-outcome" label="Outcome">
          {(p) => (
            <select
              {...p}
              data-field="outcome"
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as typeof outcome)}
            >
              <option value="upheld">Upheld: the decision stands</option>
              <option value="reversed">Reversed: the content is reinstated</option>
              <option value="modified">Modified: another action</option>
            </select>
          )}
        </Field>
        {outcome === 'modified' && (
          <Field id="appeal-action" label="Action" error={errors.action}>
            {(p) => (
              <select
                {...p}
                data-field="action"
                value={action}
                onChange={(e) => setAction(e.target.value)}
              >
                <TaxonomyOptions entries={ACTIONS} empty="Choose…" />
              </select>
            )}
          </Field>
        )}
        {outcome === 'modified' && action === 'disable_in_territory' && (
          <Field id="appeal-territories" label="Territorial scope" error={errors.territorialScope}>
            {(p) => (
              <input
                {...p}
                data-field="territorialScope"
                value={territories}
                onChange={(e) => setTerritories(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field id="appeal-reasons" label="Reasons" error={errors.reasons}>
          {(p) => (
            <textarea
              {...p}
              data-field="reasons"
              rows={4}
              maxLength={5000}
              value={reasons}
              onChange={(e) => {
                setReasons(e.target.value);
                if (errors.reasons && e.target.value.trim()) setErrors({ ...errors, reasons: '' });
              }}
            />
          )}
        </Field>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit">Decide appeal</button>
      </form>
    </article>
  );
}

/** Senior reviewers: the open appeals, overdue first, each decided by someone new to the case. */
export function AppealsDesk() {
  const [items, setItems] = useState<Appeal[]>([]);
  const [open, setOpen] = useState<Appeal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () =>
    api<{ items: Appeal[] }>('/v1/appeals/queue')
      .then((q) => setItems(q.items))
      .catch((e) => setNotice(e.message));
  useEffect(() => {
    void load();
  }, []);
  return (
    <div className="desk">
      <section className="queue-pane" aria-labelledby="appeals-title">
        <h2 id="appeals-title">Appeals</h2>
        <p className="summary">
          <strong>{items.length}</strong> open · {items.filter((a) => a.overdue).length} overdue
        </p>
        {items.length === 0 ? (
          <p className="hint">No appeal waits.</p>
        ) : (
          <table className="queue" aria-label="Appeal queue">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Due</th>
                <th scope="col">Appellant</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((appeal) => (
                <tr key={appeal.id}>
                  <th scope="row">{appeal.caseNumber}</th>
                  <td className={appeal.overdue ? 'overdue' : undefined}>
                    {when(appeal.dueAt)} ({countdown(appeal.dueAt)})
                  </td>
                  <td>{appeal.appellant.replace('_', ' ')}</td>
                  <td>
                    <button type="button" onClick={() => setOpen(appeal)}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="case-pane" aria-label="Appeal">
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {open ? (
          <AppealCase
            key={open.id}
            appeal={open}
            onDecided={(note) => {
              setNotice(note);
              setOpen(null);
              void load();
            }}
          />
        ) : (
          <p className="hint">Open an appeal from the list.</p>
        )}
      </section>
    </div>
  );
}
