import { z } from 'zod';

/**
 * Statement of reasons with the field names and enumerations of the DSA Transparency Database
 * (schema v2). Counterweight-only fields are prefixed `x_` so a submitter can strip them.
 */
export const DSA_DECISION_GROUNDS = [
  'DECISION_GROUND_ILLEGAL_CONTENT',
  'DECISION_GROUND_INCOMPATIBLE_CONTENT',
] as const;
export const DSA_CONTENT_TYPES = [
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_OTHER',
] as const;
export const DSA_CATEGORIES = [
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
export const DSA_KEYWORDS = [
  'KEYWORD_TERRORIST_CONTENT',
  'KEYWORD_HATE_SPEECH',
  'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
  'KEYWORD_ILLEGAL_ORGANIZATIONS',
  'KEYWORD_DISCRIMINATION',
] as const;
export const DSA_VISIBILITY = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
] as const;
export const DSA_SOURCE_TYPES = [
  'SOURCE_ARTICLE_16',
  'SOURCE_TRUSTED_FLAGGER',
  'SOURCE_TYPE_OTHER_NOTIFICATION',
  'SOURCE_VOLUNTARY',
] as const;
export const DSA_AUTOMATED_DECISION = [
  'AUTOMATED_DECISION_FULLY',
  'AUTOMATED_DECISION_PARTIALLY',
  'AUTOMATED_DECISION_NOT_AUTOMATED',
] as const;

const YesNo = z.enum(['Yes', 'No']);
const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const StatementOfReasons = z.strictObject({
  decision_visibility: z.array(z.enum(DSA_VISIBILITY)).min(1),
  decision_visibility_other: z.string().max(500).optional(),
  end_date_visibility_restriction: Ymd.optional(),
  decision_ground: z.enum(DSA_DECISION_GROUNDS),
  decision_ground_reference_url: z.url().optional(),
  illegal_content_legal_ground: z.string().max(500).optional(),
  illegal_content_explanation: z.string().max(2000).optional(),
  incompatible_content_ground: z.string().max(500).optional(),
  incompatible_content_explanation: z.string().max(2000).optional(),
  incompatible_content_illegal: YesNo.optional(),
  content_type: z.array(z.enum(DSA_CONTENT_TYPES)).min(1),
  category: z.enum(DSA_CATEGORIES),
  category_specification: z.array(z.enum(DSA_KEYWORDS)),
  territorial_scope: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  content_language: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  content_date: Ymd,
  application_date: Ymd,
  decision_facts: z.string().max(5000),
  source_type: z.enum(DSA_SOURCE_TYPES),
  automated_detection: YesNo,
  automated_decision: z.enum(DSA_AUTOMATED_DECISION),
  puid: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9\-_]+$/),
  /** Counterweight extensions: case reference, the exemption outcome, how to appeal. */
  x_case_reference: z.string(),
  x_decision_id: z.uuid(),
  x_policy_category: z.string(),
  x_tco_type: z.string().nullable(),
  x_exemption_applied: z.boolean(),
  x_exemptions: z.array(z.string()),
  x_action: z.string(),
  x_escalated_threat_to_life: z.boolean(),
  x_appeal: z.strictObject({
    token: z.string().nullable(),
    deadline: z.string(),
    endpoint: z.string(),
  }),
  x_amended_by_appeal: z.string().nullable(),
  /**
   * After an appeal that reversed or modified the decision (DSA Art. 20(5)): the appeal's
   * outcome and reasons. The statement's own fields then state the final outcome.
   */
  x_appeal_decision: z
    .strictObject({
      appealId: z.uuid(),
      outcome: z.enum(['reversed', 'modified']),
      decidedAt: z.string(),
      previousAction: z.string(),
      reasons: z.string(),
    })
    .optional(),
  /** The statement as first published, kept as history when an appeal amended it. */
  x_original_statement: z.record(z.string(), z.unknown()).optional(),
});
export type StatementOfReasons = z.infer<typeof StatementOfReasons>;
