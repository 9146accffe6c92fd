import { StatementOfReasons, type Action, type AppealOutcome } from '@counterweight/shared';
import type { Queryable } from '../db/db';
import { NO_ACTION_EXPLANATION, VISIBILITY_MAPPING } from '../decisions/statement-of-reasons';

/** How an appeal changed a decision. */
export interface AppealChange {
  appealId: string;
  outcome: Exclude<AppealOutcome, 'upheld'>;
  action: Action;
  territorialScope: string[] | null;
  /** The appeal decision's reasons, and when it was taken. */
  reasons: string;
  decidedAt: string;
}

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * Amends the published statement of reasons after an appeal reversed or modified the decision,
 * so that it reads as one consistent final outcome (DSA Art. 20(5)): the action, visibility and
 * territory fields state what is now in force; the facts are the appeal's reasons; a reversal's
 * explanation says that and why the content is no longer restricted; `x_appeal_decision` carries
 * the outcome and reasons, `x_amended_by_appeal` names the appeal ("<appeal id>: <outcome>"), and
 * `x_original_statement` keeps the statement as first published. The decision (or removal order)
 * row itself stays as decided. Returns the amended statement (null when there is none).
 */
export async function amendStatementAfterAppeal(
  tx: Queryable,
  decisionId: string,
  change: AppealChange,
  of: 'decision' | 'order' = 'decision',
): Promise<StatementOfReasons | null> {
  const [table, key] =
    of === 'order' ? ['order_statements', 'order_id'] : ['statements', 'decision_id'];
  const [row] = await tx.query<{ body: unknown }>(
    `SELECT body FROM ${table} WHERE ${key} = $1 FOR UPDATE`,
    [decisionId],
  );
  if (!row) return null;
  const statement = StatementOfReasons.parse(row.body);
  const { x_original_statement: earlier, ...current } = statement;
  const amended: StatementOfReasons = {
    ...statement,
    decision_visibility: [VISIBILITY_MAPPING[change.action]],
    decision_facts: clip(`Decided on appeal (${change.outcome}): ${change.reasons}`, 5000),
    x_action: change.action,
    x_amended_by_appeal: `${change.appealId}: ${change.outcome}`,
    x_appeal_decision: {
      appealId: change.appealId,
      outcome: change.outcome,
      decidedAt: change.decidedAt,
      previousAction: statement.x_action,
      reasons: change.reasons,
    },
    x_original_statement: earlier ?? current,
  };
  if (change.action === 'no_action') {
    const explanation = clip(
      `Reversed on appeal: the content is no longer restricted. ${change.reasons}`,
      2000,
    );
    if (amended.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT')
      amended.illegal_content_explanation = explanation;
    else amended.incompatible_content_explanation = explanation;
  }
  if (change.action === 'no_action') amended.decision_visibility_other = NO_ACTION_EXPLANATION;
  else delete amended.decision_visibility_other;
  if (change.action === 'disable_in_territory' && change.territorialScope)
    amended.territorial_scope = change.territorialScope;
  else delete amended.territorial_scope;
  await tx.query(`UPDATE ${table} SET body = $2::text::jsonb WHERE ${key} = $1`, [
    decisionId,
    JSON.stringify(amended),
  ]);
  return amended;
}
