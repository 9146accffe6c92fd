import { DecisionSubmission } from '@counterweight/shared/decision';
import { fieldErrors, type FieldErrors } from '../common/field-errors';
import { submissionOf, type DecisionDraft } from './decision-draft';

/** Field keys of the form, each the path the API names in its issues. */
export const FRIENDLY: Record<string, string> = {
  'ground.legalReference':
    'Name the law the content breaks, e.g. "Art. 2(7)(a) Regulation (EU) 2021/784".',
  'ground.termsReference': 'Name the clause of the terms of service the content breaks.',
  'ground.explanation': 'Explain, in a sentence or two, why the content falls under this ground.',
  category: 'Choose the policy category.',
  tcoType: 'Terrorist content needs its type under Art. 2(7): choose one.',
  protectedCharacteristic: 'Hate speech needs the protected characteristic it targets.',
  'exemption.exemptions': 'Tick the Art. 1(3) purpose that applies, or answer "no".',
  'exemption.reasoning': 'Say why the Art. 1(3) exemption does or does not apply.',
  action:
    'Choose an action. With an Art. 1(3) exemption, the content cannot be removed or disabled.',
  territorialScope:
    'List the territories (two-letter codes such as DE, FR) where access is disabled.',
  facts: 'State the facts and circumstances you relied on; the content provider will read them.',
};

/** Validates a draft as the API will: the submission, or the errors by field. */
export function checkDraft(
  draft: DecisionDraft,
): { ok: true; submission: DecisionSubmission } | { ok: false; errors: FieldErrors } {
  const parsed = DecisionSubmission.safeParse(submissionOf(draft));
  if (parsed.success) return { ok: true, submission: parsed.data };
  return {
    ok: false,
    errors: fieldErrors(
      parsed.error.issues.map((issue) => ({
        ...issue,
        // a territory's own issue (territorialScope.0) is shown at the territories field
        path: issue.path[0] === 'territorialScope' ? ['territorialScope'] : issue.path,
      })),
      FRIENDLY,
    ),
  };
}
