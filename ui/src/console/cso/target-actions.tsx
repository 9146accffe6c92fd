import type { FormEvent, ReactNode } from 'react';
import { Target } from '@counterweight/shared/target';
import { api } from '../../common/api-client';
import { failureText } from './failure-text';
import { outcomeFigures, type OutcomeFields } from './target-queries';

const CLOSE_REASONS = {
  answered: 'answered',
  not_worth_answering: 'not worth answering',
  amplification_risk: 'amplification risk',
  duplicate: 'duplicate',
  content_gone: 'content gone',
};
const OUTCOME_FIELDS: [keyof OutcomeFields, string][] = [
  ['views', 'Views'],
  ['reach', 'Reach'],
  ['likes', 'Likes'],
  ['shares', 'Shares'],
  ['comments', 'Comments'],
  ['constructiveReplies', 'Constructive replies'],
];

const today = () => new Date().toISOString().slice(0, 10);

/** A labelled control of one card's step (ids are unique per target). */
function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <span className="labelled">
      <label htmlFor={id}>{label}</label>
      {children}
    </span>
  );
}

/**
 * The steps a target's status allows: claim it (open or claimed), record a response (claimed or
 * responded), record an outcome of a response (responded), close it (any but closed). Each sends
 * one request and hands the updated target back.
 */
export function TargetActions({
  target: t,
  onUpdated,
  onFailed,
}: {
  target: Target;
  onUpdated: (target: Target) => void;
  onFailed: (message: string) => void;
}) {
  const step =
    (path: string, body: (form: FormData) => unknown) =>
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      try {
        const updated = await api(`/v1/targets/${t.id}/${path}`, {
          method: 'POST',
          body: body(new FormData(form)),
        });
        form.reset(); // a recorded step leaves its form empty for the next one
        onUpdated(Target.parse(updated));
      } catch (e) {
        onFailed(failureText(e));
      }
    };
  const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
  const id = (name: string) => `target-${t.id}-${name}`;
  if (t.status === 'closed') return null;
  return (
    <div className="actions">
      {(t.status === 'open' || t.status === 'claimed') && (
        <form
          className="claim-form"
          aria-label={`Claim ${t.reference}`}
          onSubmit={step('claim', (f) =>
            text(f, 'assignee') ? { assignee: text(f, 'assignee') } : {},
          )}
        >
          <Labelled id={id('assignee')} label="Assignee">
            <input id={id('assignee')} name="assignee" placeholder="default: you" maxLength={100} />
          </Labelled>
          <button type="submit">Claim</button>
        </form>
      )}
      {(t.status === 'claimed' || t.status === 'responded') && (
        <form
          className="response-form"
          aria-label={`Record a response to ${t.reference}`}
          onSubmit={step('responses', (f) => ({
            url: text(f, 'url'),
            kind: text(f, 'kind'),
            date: text(f, 'date'),
          }))}
        >
          <Labelled id={id('url')} label="Response URL">
            <input id={id('url')} name="url" type="url" required placeholder="https://…" />
          </Labelled>
          <Labelled id={id('kind')} label="Kind">
            <select id={id('kind')} name="kind" defaultValue="counter">
              <option value="counter">counter-narrative</option>
              <option value="alternative">alternative narrative</option>
            </select>
          </Labelled>
          <Labelled id={id('date')} label="Posted on">
            <input id={id('date')} name="date" type="date" required defaultValue={today()} />
          </Labelled>
          <button type="submit">Record response</button>
        </form>
      )}
      {t.status === 'responded' && (
        <form
          className="outcome-form"
          aria-label={`Record an outcome for ${t.reference}`}
          onSubmit={step('outcomes', (f) => ({
            responseId: text(f, 'responseId'),
            measuredOn: text(f, 'measuredOn'),
            figures: outcomeFigures(
              Object.fromEntries(
                OUTCOME_FIELDS.map(([name]) => [name, text(f, name)]),
              ) as OutcomeFields,
            ),
          }))}
        >
          <Labelled id={id('response')} label="Response">
            <select id={id('response')} name="responseId" required>
              {t.responses.map((r) => (
                <option key={r.id} value={r.id}>{`${r.kind} ${r.date}`}</option>
              ))}
            </select>
          </Labelled>
          <Labelled id={id('measured')} label="Measured on">
            <input
              id={id('measured')}
              name="measuredOn"
              type="date"
              required
              defaultValue={today()}
            />
          </Labelled>
          {OUTCOME_FIELDS.map(([name, label]) => (
            <Labelled key={name} id={id(name)} label={label}>
              <input id={id(name)} name={name} type="number" min={0} />
            </Labelled>
          ))}
          <button type="submit">Record outcome</button>
        </form>
      )}
      <form
        className="close-form"
        aria-label={`Close ${t.reference}`}
        onSubmit={step('close', (f) => ({ reason: text(f, 'reason') }))}
      >
        <Labelled id={id('reason')} label="Reason">
          <select id={id('reason')} name="reason" defaultValue="answered">
            {Object.entries(CLOSE_REASONS).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </Labelled>
        <button type="submit">Close</button>
      </form>
    </div>
  );
}
