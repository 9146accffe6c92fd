import type { ReviewerAssessment } from '@counterweight/shared/report';
import { unavailableAction } from '../taxonomy/action-availability';

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

/**
 * The draft with the Art. 1(3) exemption applying or not. When it applies, an action it rules out
 * (removal, disabling access) is cleared, so that the reviewer chooses again among the others.
 */
export function withExemption(draft: DecisionDraft, applies: boolean): DecisionDraft {
  const ruledOut = unavailableAction(applies)(draft.action) !== null;
  return { ...draft, exemptionApplies: applies, action: ruledOut ? '' : draft.action };
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
