import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DecisionSubmission } from '@counterweight/shared/decision';
import type { StatementOfReasons } from '@counterweight/shared/statement';
import {
  ACTIONS,
  POLICY_CATEGORIES,
  PROTECTED_CHARACTERISTICS,
  TCO_TYPES,
  type Exemption,
} from '@counterweight/shared/taxonomy';
import { ApiFailure } from '../common/api-client';
import { Field } from '../common/field';
import { fieldErrors, focusFirstError, type FieldErrors } from '../common/field-errors';
import { StatementView } from '../common/statement-view';
import {
  EXEMPTION_RULES_OUT_REMOVAL,
  ExemptionChecklist,
  TaxonomyOptions,
  unavailableAction,
} from '../taxonomy';
import { withExemption, type DecisionDraft } from './decision-draft';
import { checkDraft, FRIENDLY } from './draft-check';

interface Props {
  draft: DecisionDraft;
  onDraft: (draft: DecisionDraft) => void;
  preview: (submission: DecisionSubmission) => Promise<StatementOfReasons>;
  decide: (submission: DecisionSubmission) => Promise<void>;
}

/**
 * The decision form, in the API's vocabulary. Checked as the API checks it; errors appear next to
 * their field in plain words, go as soon as the field is fixed, and the first one takes the
 * focus. Submitting shows the statement of reasons exactly as it will be published; publishing
 * takes a second, deliberate step.
 */
export function DecisionForm({ draft, onDraft, preview, decide }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [pending, setPending] = useState<{
    submission: DecisionSubmission;
    statement: StatementOfReasons;
  } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // once the reviewer has tried to submit, errors follow every change (and clear when fixed)
  useEffect(() => {
    if (!checked) return;
    const result = checkDraft(draft);
    setErrors(result.ok ? {} : result.errors);
  }, [draft, checked]);
  useEffect(() => {
    if (pending) confirm.current?.focus();
  }, [pending]);

  const set = <K extends keyof DecisionDraft>(key: K, value: DecisionDraft[K]) => {
    setPending(null);
    onDraft({ ...draft, [key]: value });
  };

  const showFailure = (error: unknown) => {
    if (error instanceof ApiFailure && error.issues.length > 0) {
      const found = fieldErrors(error.issues, FRIENDLY);
      setErrors(found);
      focusFirstError(form.current, found);
    }
    setFailure(error instanceof Error ? error.message : String(error));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setFailure(null);
    const result = checkDraft(draft);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(form.current, result.errors);
      return;
    }
    setBusy(true);
    try {
      setPending({ submission: result.submission, statement: await preview(result.submission) });
    } catch (error) {
      showFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await decide(pending.submission);
    } catch (error) {
      setPending(null);
      showFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const err = (key: string) => errors[key];
  const illegal = draft.groundType === 'illegal_content';
  return (
    <form ref={form} className="decision-form" onSubmit={onSubmit} noValidate aria-label="Decision">
      <fieldset>
        <legend>Ground</legend>
        <Field id="ground" label="Ground">
          {(p) => (
            <select
              {...p}
              data-field="ground.type"
              value={draft.groundType}
              onChange={(e) => set('groundType', e.target.value as DecisionDraft['groundType'])}
            >
              <option value="illegal_content">Illegal content (a law)</option>
              <option value="incompatible_content">Incompatible with the terms of service</option>
            </select>
          )}
        </Field>
        <Field
          id="reference"
          label={illegal ? 'Legal reference' : 'Terms reference'}
          error={err(illegal ? 'ground.legalReference' : 'ground.termsReference')}
        >
          {(p) => (
            <input
              {...p}
              data-field={illegal ? 'ground.legalReference' : 'ground.termsReference'}
              value={draft.reference}
              maxLength={500}
              onChange={(e) => set('reference', e.target.value)}
            />
          )}
        </Field>
        <Field id="explanation" label="Explanation" error={err('ground.explanation')}>
          {(p) => (
            <textarea
              {...p}
              data-field="ground.explanation"
              rows={3}
              maxLength={2000}
              value={draft.explanation}
              onChange={(e) => set('explanation', e.target.value)}
            />
          )}
        </Field>
        {!illegal && (
          <label className="check">
            <input
              type="checkbox"
              checked={draft.alsoIllegal}
              onChange={(e) => set('alsoIllegal', e.target.checked)}
            />
            Also illegal
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>Classification</legend>
        <Field id="category" label="Category" error={err('category')}>
          {(p) => (
            <select
              {...p}
              data-field="category"
              value={draft.category}
              onChange={(e) => set('category', e.target.value)}
            >
              <TaxonomyOptions entries={POLICY_CATEGORIES} />
            </select>
          )}
        </Field>
        {draft.category === 'terrorist_content' && (
          <Field id="tco-type" label="TCO type" error={err('tcoType')}>
            {(p) => (
              <select
                {...p}
                data-field="tcoType"
                value={draft.tcoType}
                onChange={(e) => set('tcoType', e.target.value)}
              >
                <TaxonomyOptions entries={TCO_TYPES} empty="Choose…" />
              </select>
            )}
          </Field>
        )}
        {draft.category === 'hate_speech' && (
          <Field
            id="protected-characteristic"
            label="Protected characteristic"
            error={err('protectedCharacteristic')}
          >
            {(p) => (
              <select
                {...p}
                data-field="protectedCharacteristic"
                value={draft.protectedCharacteristic}
                onChange={(e) => set('protectedCharacteristic', e.target.value)}
              >
                <TaxonomyOptions entries={PROTECTED_CHARACTERISTICS} empty="Choose…" />
              </select>
            )}
          </Field>
        )}
      </fieldset>

      <fieldset>
        <legend>Art. 1(3) exemption</legend>
        <Field id="exemption-applies" label="Exemption applies">
          {(p) => (
            <select
              {...p}
              data-field="exemption.applies"
              value={draft.exemptionApplies ? 'yes' : 'no'}
              onChange={(e) => {
                setPending(null);
                onDraft(withExemption(draft, e.target.value === 'yes'));
              }}
            >
              <option value="no">No: not disseminated for a protected purpose</option>
              <option value="yes">Yes: journalism, education, research, art, countering…</option>
            </select>
          )}
        </Field>
        {draft.exemptionApplies && (
          <div
            className={err('exemption.exemptions') ? 'field has-error' : 'field'}
            role="group"
            aria-labelledby="exemptions-label"
          >
            <span id="exemptions-label" className="label">
              Exemptions
            </span>
            <ExemptionChecklist
              selected={draft.exemptions as Exemption[]}
              onChange={(exemptions) => set('exemptions', exemptions)}
              firstInput={{ 'data-field': 'exemption.exemptions' }}
            />
            {err('exemption.exemptions') && (
              <p className="error" role="alert">
                {err('exemption.exemptions')}
              </p>
            )}
          </div>
        )}
        <Field
          id="exemption-reasoning"
          label="Exemption reasoning"
          error={err('exemption.reasoning')}
        >
          {(p) => (
            <textarea
              {...p}
              data-field="exemption.reasoning"
              rows={2}
              maxLength={2000}
              value={draft.exemptionReasoning}
              onChange={(e) => set('exemptionReasoning', e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Action</legend>
        <Field
          id="action"
          label="Action"
          error={err('action')}
          hint={
            draft.exemptionApplies
              ? `Removal and disabling access are ${EXEMPTION_RULES_OUT_REMOVAL}. Mildest first: prefer the least restriction that suffices.`
              : 'Mildest first: prefer the least restriction that suffices.'
          }
        >
          {(p) => (
            <select
              {...p}
              data-field="action"
              value={draft.action}
              onChange={(e) => set('action', e.target.value)}
            >
              <TaxonomyOptions
                entries={ACTIONS}
                definitions
                empty={draft.action === '' ? 'Choose…' : undefined}
                disabled={unavailableAction(draft.exemptionApplies)}
              />
            </select>
          )}
        </Field>
        {draft.action === 'disable_in_territory' && (
          <Field
            id="territorial-scope"
            label="Territorial scope"
            error={err('territorialScope')}
            hint="Two-letter codes, separated by commas: DE, FR"
          >
            {(p) => (
              <input
                {...p}
                data-field="territorialScope"
                value={draft.territories}
                onChange={(e) => set('territories', e.target.value)}
              />
            )}
          </Field>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.escalateThreatToLife}
            onChange={(e) => set('escalateThreatToLife', e.target.checked)}
          />
          Escalate: imminent threat to life or safety
        </label>
        <Field id="facts" label="Facts" error={err('facts')}>
          {(p) => (
            <textarea
              {...p}
              data-field="facts"
              rows={3}
              maxLength={5000}
              value={draft.facts}
              onChange={(e) => set('facts', e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={busy}>
          Preview statement <kbd>d</kbd>
        </button>
      </div>
      {pending && (
        <section className="preview" aria-labelledby="preview-title">
          <h3 id="preview-title">Statement of reasons, as the content provider will receive it</h3>
          <StatementView statement={pending.statement} />
          <p className="hint">
            The decision id and the appeal deadline are set when you publish; everything else is
            published exactly as shown.
          </p>
          <button ref={confirm} type="button" onClick={publish} disabled={busy}>
            Publish decision
          </button>
        </section>
      )}
    </form>
  );
}
