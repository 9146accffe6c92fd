import { z } from 'zod';
import {
  checkClassification,
  checkExemptionAllowsAction,
  classificationShape,
  ExemptionAssessment,
} from './assessment';
import { Id, storedText, TerritoryCode, Timestamp } from './common';
import { Action } from './taxonomy';
import { personalDataIn } from './tdb-rules';

/** The legal or contractual ground of a decision (DSA Art. 17(3)(d)/(e)). */
export const DecisionGround = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('illegal_content'),
    /** e.g. "Art. 2(7)(a) Regulation (EU) 2021/784; § 91 StGB" */
    legalReference: storedText().trim().min(1).max(500),
    explanation: storedText().trim().min(1).max(2000),
  }),
  z.strictObject({
    type: z.literal('incompatible_content'),
    /** The clause of the platform's terms, e.g. "Community Guidelines §4 Violent extremism" */
    termsReference: storedText().trim().min(1).max(500),
    explanation: storedText().trim().min(1).max(2000),
    alsoIllegal: z.boolean(),
  }),
]);
export type DecisionGround = z.infer<typeof DecisionGround>;

/** Body of `POST /v1/reports/{id}/decision`. */
export const DecisionSubmission = z
  .strictObject({
    ground: DecisionGround,
    ...classificationShape,
    exemption: ExemptionAssessment,
    action: Action,
    /** Required for `disable_in_territory`: where access is disabled. */
    territorialScope: z.array(TerritoryCode).min(1).max(60).optional(),
    /** Escalate to law enforcement: an imminent threat to life or safety. */
    escalateThreatToLife: z.boolean().default(false),
    /** The facts and circumstances relied on (DSA `decision_facts`). */
    facts: storedText().trim().min(1).max(5000),
  })
  .superRefine((value, ctx) => {
    checkClassification(value, ctx);
    checkExemptionAllowsAction(value, ctx, 'action');
    // The statement of reasons is public (DSA Art. 24(5)): its free text must name nobody.
    const ground = value.ground;
    const freeText: [PropertyKey[], string][] = [
      [['ground', 'explanation'], ground.explanation],
      ground.type === 'illegal_content'
        ? [['ground', 'legalReference'], ground.legalReference]
        : [['ground', 'termsReference'], ground.termsReference],
      [['facts'], value.facts],
    ];
    for (const [path, text] of freeText) {
      const found = personalDataIn(text);
      if (found) ctx.addIssue({ code: 'custom', path, message: found });
    }
    if (value.action === 'disable_in_territory' && !value.territorialScope)
      ctx.addIssue({
        code: 'custom',
        path: ['territorialScope'],
        message: 'required when action is disable_in_territory',
      });
  });
export type DecisionSubmission = z.infer<typeof DecisionSubmission>;

/** A decision as stored and returned. Automation: a person always decides here. */
export const Decision = z.strictObject({
  id: Id,
  reportId: Id,
  caseNumber: z.string(),
  decidedAt: Timestamp,
  ground: DecisionGround,
  category: classificationShape.category,
  tcoType: classificationShape.tcoType,
  protectedCharacteristic: classificationShape.protectedCharacteristic,
  exemption: ExemptionAssessment,
  action: Action,
  territorialScope: z.array(TerritoryCode).optional(),
  escalateThreatToLife: z.boolean(),
  facts: z.string(),
  automatedDetection: z.boolean(),
});
export type Decision = z.infer<typeof Decision>;
