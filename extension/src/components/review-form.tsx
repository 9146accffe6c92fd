import { REMOVAL_ACTIONS, TAXONOMY } from '@counterweight/shared/taxonomy';
import { ExemptionChecklist, TaxonomyRadios } from '@counterweight/ui/taxonomy';
import { reviewerMessage } from '@/utils/review/issue-messages';
import type { Issue, ReviewDraft } from '@/utils/review/review-draft';

/**
 * The review form, built from the shared taxonomy: category (with TCO type or protected
 * characteristic where they apply), the required Art. 1(3) exemption assessment, the suggested
 * action from the ladder (removal ruled out when an exemption applies) and the rationale.
 */
export function ReviewForm(props: {
  draft: ReviewDraft;
  issues: readonly Issue[];
  onChange: (draft: ReviewDraft) => void;
}) {
  const { draft } = props;
  const set = (patch: Partial<ReviewDraft>) => props.onChange({ ...draft, ...patch });
  const issue = (path: string) => {
    const found = props.issues.find((i) => i.path === path);
    return found ? reviewerMessage(found) : undefined;
  };
  return (
    <div>
      <TaxonomyRadios
        legend="Category"
        name="category"
        entries={TAXONOMY.categories}
        value={draft.category}
        onChange={(category) => set({ category })}
        issue={issue('assessment.category')}
      />
      {draft.category === 'terrorist_content' && (
        <TaxonomyRadios
          legend="Type of terrorist content (Art. 2(7) TCO)"
          name="tcoType"
          entries={TAXONOMY.tcoTypes}
          value={draft.tcoType}
          onChange={(tcoType) => set({ tcoType })}
          issue={issue('assessment.tcoType')}
        />
      )}
      {draft.category === 'hate_speech' && (
        <TaxonomyRadios
          legend="Protected characteristic"
          name="protectedCharacteristic"
          entries={TAXONOMY.protectedCharacteristics}
          value={draft.protectedCharacteristic}
          onChange={(protectedCharacteristic) => set({ protectedCharacteristic })}
          issue={issue('assessment.protectedCharacteristic')}
        />
      )}
      <fieldset aria-invalid={issue('assessment.exemption.applies') ? true : undefined}>
        <legend>
          Art. 1(3) exemption: was this disseminated for a journalistic, educational, research or
          artistic purpose, to counter terrorism, or as polemic in public debate? (required)
        </legend>
        <label className="option">
          <input
            type="radio"
            name="exemptionApplies"
            checked={draft.exemptionApplies === false}
            onChange={() => set({ exemptionApplies: false, exemptions: [] })}
          />{' '}
          No exemption applies
        </label>
        <label className="option">
          <input
            type="radio"
            name="exemptionApplies"
            checked={draft.exemptionApplies === true}
            onChange={() =>
              set({
                exemptionApplies: true,
                suggestedAction: REMOVAL_ACTIONS.includes(draft.suggestedAction as never)
                  ? ''
                  : draft.suggestedAction,
              })
            }
          />{' '}
          An exemption applies
        </label>
        {issue('assessment.exemption.applies') && (
          <p className="issues">{issue('assessment.exemption.applies')}</p>
        )}
        {draft.exemptionApplies && (
          <fieldset>
            <legend>Which purpose</legend>
            <ExemptionChecklist
              selected={draft.exemptions}
              onChange={(exemptions) => set({ exemptions })}
            />
            {issue('assessment.exemption.exemptions') && (
              <p className="issues">{issue('assessment.exemption.exemptions')}</p>
            )}
          </fieldset>
        )}
        <label>
          Reasoning on the purpose of the dissemination
          <textarea
            rows={3}
            aria-invalid={issue('assessment.exemption.reasoning') ? true : undefined}
            value={draft.exemptionReasoning}
            onChange={(e) => set({ exemptionReasoning: e.target.value })}
          />
        </label>
        {issue('assessment.exemption.reasoning') && (
          <p className="issues">{issue('assessment.exemption.reasoning')}</p>
        )}
      </fieldset>
      <TaxonomyRadios
        legend="Suggested action (mildest first; removal is the last rung)"
        name="suggestedAction"
        entries={TAXONOMY.actions}
        value={draft.suggestedAction}
        onChange={(suggestedAction) => set({ suggestedAction })}
        disabled={(id) =>
          draft.exemptionApplies && REMOVAL_ACTIONS.includes(id)
            ? 'Not available: an Art. 1(3) exemption applies.'
            : null
        }
        issue={issue('assessment.suggestedAction')}
      />
      <label className="option">
        <input
          type="checkbox"
          checked={draft.threatToLife}
          onChange={(e) => set({ threatToLife: e.target.checked })}
        />{' '}
        Imminent threat to life or safety (escalate)
      </label>
      <label>
        Rationale
        <textarea
          rows={4}
          aria-invalid={issue('assessment.rationale') ? true : undefined}
          value={draft.rationale}
          onChange={(e) => set({ rationale: e.target.value })}
        />
      </label>
      {issue('assessment.rationale') && <p className="issues">{issue('assessment.rationale')}</p>}
      <label>
        Language of the content (ISO 639-1)
        <input
          type="text"
          maxLength={2}
          aria-invalid={issue('content.language') ? true : undefined}
          value={draft.language}
          onChange={(e) => set({ language: e.target.value.toLowerCase() })}
        />
      </label>
      {issue('content.language') && <p className="issues">{issue('content.language')}</p>}
    </div>
  );
}
