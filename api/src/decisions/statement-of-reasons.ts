import type {
  Action,
  ContentType,
  Decision,
  PolicyCategory,
  ReportedContent,
  StatementOfReasons,
} from '@counterweight/shared';
import { DSA_CATEGORIES, DSA_KEYWORDS, DSA_VISIBILITY } from '@counterweight/shared';

type DsaCategory = (typeof DSA_CATEGORIES)[number];
type DsaKeyword = (typeof DSA_KEYWORDS)[number];
type DsaVisibility = (typeof DSA_VISIBILITY)[number];

/**
 * Policy category -> DSA Transparency Database `category` and `category_specification`. The
 * database has no terrorism category; terrorist content is a risk for public security with the
 * terrorist-content keyword. Violent extremism below the TCO threshold is filed under violence
 * (incitement to violence or hatred); hate speech under illegal or harmful speech.
 */
export const CATEGORY_MAPPING: Record<
  PolicyCategory,
  { category: DsaCategory; keywords: DsaKeyword[] }
> = {
  terrorist_content: {
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
  },
  violent_extremism: {
    category: 'STATEMENT_CATEGORY_VIOLENCE',
    keywords: ['KEYWORD_INCITEMENT_VIOLENCE_HATRED'],
  },
  hate_speech: {
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    keywords: ['KEYWORD_HATE_SPEECH'],
  },
};

/**
 * Rung of the action ladder -> `decision_visibility`. "No action" has no visibility restriction
 * of its own; it is recorded as `DECISION_VISIBILITY_OTHER` with an explanation, so that a
 * decision to leave content up is as visible in the statements as one to take it down.
 */
export const VISIBILITY_MAPPING: Record<Action, DsaVisibility> = {
  no_action: 'DECISION_VISIBILITY_OTHER',
  label: 'DECISION_VISIBILITY_CONTENT_LABELLED',
  demote: 'DECISION_VISIBILITY_CONTENT_DEMOTED',
  restrict_interaction: 'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  age_restrict: 'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  disable_in_territory: 'DECISION_VISIBILITY_CONTENT_DISABLED',
  remove: 'DECISION_VISIBILITY_CONTENT_REMOVED',
};

export const NO_ACTION_EXPLANATION =
  'No restriction: the content was reviewed and left available as it is.';

/** Where appeals (DSA Art. 20, TCO Art. 10) are filed. */
export const APPEALS_ENDPOINT = '/v1/appeals';

/** Appeals are open for six months after the decision (DSA Art. 20(1)). */
export function appealDeadline(decidedAt: string): string {
  const date = new Date(decidedAt);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.toISOString();
}

const ymd = (timestamp: string) => new Date(timestamp).toISOString().slice(0, 10);
const contentTypeOf = (type: ContentType) =>
  `CONTENT_TYPE_${type.toUpperCase()}` as StatementOfReasons['content_type'][number];

/**
 * Builds the statement of reasons (DSA Art. 17) of a decision with the Transparency Database's
 * field names; see `api/STATEMENTS.md` for every mapping. Fixed choices: `source_type` is
 * `SOURCE_VOLUNTARY` (reports come from the platform's own reviewers, an own-initiative
 * investigation, not an Art. 16 notice); `automated_detection` is "Yes" when the on-device
 * classifier flagged the content or its hash matched a bank on-device; `automated_decision` is always `AUTOMATED_DECISION_NOT_AUTOMATED`
 * (a person decides); `puid` is the report id; `content_date` is the day the content was captured.
 * `appealToken` is given only to the decider, to pass to the content provider; stored statements
 * carry null.
 */
export function buildStatement(
  decision: Decision,
  content: Pick<ReportedContent, 'contentType' | 'language' | 'capturedAt'>,
  appealToken: string | null,
): StatementOfReasons {
  const { category, keywords } = CATEGORY_MAPPING[decision.category];
  const ground = decision.ground;
  const statement: StatementOfReasons = {
    decision_visibility: [VISIBILITY_MAPPING[decision.action]],
    decision_ground:
      ground.type === 'illegal_content'
        ? 'DECISION_GROUND_ILLEGAL_CONTENT'
        : 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    content_type: [contentTypeOf(content.contentType)],
    category,
    category_specification: keywords,
    content_language: content.language.toUpperCase(),
    content_date: ymd(content.capturedAt),
    application_date: ymd(decision.decidedAt),
    decision_facts: decision.facts,
    source_type: 'SOURCE_VOLUNTARY',
    automated_detection: decision.automatedDetection ? 'Yes' : 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    puid: decision.reportId,
    x_case_reference: decision.caseNumber,
    x_decision_id: decision.id,
    x_policy_category: decision.category,
    x_tco_type: decision.tcoType ?? null,
    x_exemption_applied: decision.exemption.applies,
    x_exemptions: decision.exemption.exemptions,
    x_action: decision.action,
    x_escalated_threat_to_life: decision.escalateThreatToLife,
    x_appeal: {
      token: appealToken,
      deadline: appealDeadline(decision.decidedAt),
      endpoint: APPEALS_ENDPOINT,
    },
    x_amended_by_appeal: null,
  };
  if (decision.action === 'no_action') statement.decision_visibility_other = NO_ACTION_EXPLANATION;
  if (ground.type === 'illegal_content') {
    statement.illegal_content_legal_ground = ground.legalReference;
    statement.illegal_content_explanation = ground.explanation;
  } else {
    statement.incompatible_content_ground = ground.termsReference;
    statement.incompatible_content_explanation = ground.explanation;
    statement.incompatible_content_illegal = ground.alsoIllegal ? 'Yes' : 'No';
  }
  if (decision.territorialScope) statement.territorial_scope = decision.territorialScope;
  return statement;
}
