import { DecisionSubmission } from '@counterweight/shared/decision';
import type { ReviewerAssessment } from '@counterweight/shared/report';
import { fieldErrors, type FieldErrors } from '../common/field-errors';

/** The decision form's values, as the controls hold them. */
export interface DecisionDraft {
  groundType: 'illegal_content' | 'incompatible_content';
  reference: string;
  explanation: string;
  alsoIllegal: boolean;
  category: string;
  tcoType: string;
  protectedCharacteristic: string;
  exemptionApplies: boolean;
  exemptions: string[];
  exemptionReasoning: string;
  action: string;
  territories: string;
  escalateThreatToLife: boolean;
  facts: string;
}

/** A draft started from the submitting reviewer's assessment; the decider confirms or changes it. */
export function draftFrom(assessment: ReviewerAssessment): DecisionDraft {
  return {
    groundType: 'illegal_content',
    reference: '',
    explanation: '',
    alsoIllegal: false,
    category: assessment.category,
    tcoType: assessment.tcoType ?? '',
    protectedCharacteristic: assessment.protectedCharacteristic ?? '',
    exemptionApplies: assessment.exemption.applies,
    exemptions: [...assessment.exemption.exemptions],
    exemptionReasoning: assessment.exemption.reasoning,
    action: assessment.suggestedAction,
    territories: '',
    escalateThreatToLife: assessment.threatToLife,
    facts: '',
  };
}

/** The body of `POST /v1/reports/{id}/decision` a draft makes (not yet validated). */
export function submissionOf(draft: DecisionDraft): unknown {
  const ground =
    draft.groundType === 'illegal_content'
      ? { type: draft.groundType, legalReference: draft.reference, explanation: draft.explanation }
      : {
          type: draft.groundType,
          termsReference: draft.reference,
          explanation: draft.explanation,
          alsoIllegal: draft.alsoIllegal,
        };
  const territories = draft.territories
    .split(/[\s,]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  return {
    ground,
    category: draft.category,
    ...(draft.category === 'terrorist_content' && draft.tcoType ? { tcoType: draft.tcoType } : {}),
    ...(draft.category === 'hate_speech' && draft.protectedCharacteristic
      ? { protectedCharacteristic: draft.protectedCharacteristic }
      : {}),
    exemption: {
      applies: draft.exemptionApplies,
      exemptions: draft.exemptionApplies ? draft.exemptions : [],
      reasoning: draft.exemptionReasoning,
    },
    action: draft.action,
    ...(draft.action === 'disable_in_territory' ? { territorialScope: territories } : {}),
    escalateThreatToLife: draft.escalateThreatToLife,
    facts: draft.facts,
  };
}

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
