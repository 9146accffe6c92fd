import { z } from 'zod';
import { storedText } from './common';
import {
  Action,
  Exemption,
  PolicyCategory,
  ProtectedCharacteristic,
  REMOVAL_ACTIONS,
  TcoType,
} from './taxonomy';

/**
 * The Art. 1(3) exemption assessment: required on every assessment and decision, so nobody can
 * skip the question of purpose.
 */
export const ExemptionAssessment = z
  .strictObject({
    applies: z.boolean(),
    exemptions: z.array(Exemption).max(6).default([]),
    reasoning: storedText().trim().min(1).max(2000),
  })
  .superRefine((value, ctx) => {
    if (value.applies && value.exemptions.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['exemptions'],
        message: 'name the exemption that applies',
      });
    if (!value.applies && value.exemptions.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['exemptions'],
        message: 'exemptions listed but applies is false',
      });
  });
export type ExemptionAssessment = z.infer<typeof ExemptionAssessment>;

/** Fields that place content in the taxonomy; shared by report assessments and decisions. */
export const classificationShape = {
  category: PolicyCategory,
  tcoType: TcoType.optional(),
  protectedCharacteristic: ProtectedCharacteristic.optional(),
};

type Classified = {
  category: PolicyCategory;
  tcoType?: TcoType | undefined;
  protectedCharacteristic?: ProtectedCharacteristic | undefined;
};

/** TCO type only with terrorist content (and then required); characteristic only with hate speech. */
export function checkClassification(value: Classified, ctx: z.RefinementCtx): void {
  if (value.category === 'terrorist_content' && !value.tcoType)
    ctx.addIssue({
      code: 'custom',
      path: ['tcoType'],
      message: 'required when category is terrorist_content',
    });
  if (value.category !== 'terrorist_content' && value.tcoType)
    ctx.addIssue({
      code: 'custom',
      path: ['tcoType'],
      message: 'only allowed when category is terrorist_content',
    });
  if (value.category === 'hate_speech' && !value.protectedCharacteristic)
    ctx.addIssue({
      code: 'custom',
      path: ['protectedCharacteristic'],
      message: 'required when category is hate_speech',
    });
}

/** An exemption that applies rules out the removal rungs of the ladder. */
export function checkExemptionAllowsAction(
  value: { exemption: ExemptionAssessment; action: Action },
  ctx: z.RefinementCtx,
  actionPath: string,
): void {
  if (value.exemption.applies && REMOVAL_ACTIONS.includes(value.action))
    ctx.addIssue({
      code: 'custom',
      path: [actionPath],
      message: `an Art. 1(3) exemption applies, so the action cannot be ${value.action}`,
    });
}
