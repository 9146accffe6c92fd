import { StatementOfReasons, type Action, type AppealOutcome } from '@counterweight/shared';
import type { Queryable } from '../db/db';
import { NO_ACTION_EXPLANATION, VISIBILITY_MAPPING } from '../decisions/statement-of-reasons';

/** How an appeal changed a decision. */
export interface AppealChange {
  appealId: string;
  outcome: AppealOutcome;
  action: Action;
  territorialScope: string[] | null;
}

/**
 * Amends the published statement of reasons after an appeal reversed or modified the decision:
 * `x_amended_by_appeal` names the appeal ("<appeal id>: <outcome>"), and the action and
 * visibility fields state what is now in force. The decision (or order) row itself stays as decided.
 */
export async function amendStatementAfterAppeal(
  tx: Queryable,
  decisionId: string,
  change: AppealChange,
  of: 'decision' | 'order' = 'decision',
): Promise<void> {
  const [table, key] =
    of === 'order' ? ['order_statements', 'order_id'] : ['statements', 'decision_id'];
  const [row] = await tx.query<{ body: unknown }>(
    `SELECT body FROM ${table} WHERE ${key} = $1 FOR UPDATE`,
    [decisionId],
  );
  if (!row) return;
  const statement = StatementOfReasons.parse(row.body);
  const amended: StatementOfReasons = {
    ...statement,
    decision_visibility: [VISIBILITY_MAPPING[change.action]],
    x_action: change.action,
    x_amended_by_appeal: `${change.appealId}: ${change.outcome}`,
  };
  if (change.action === 'no_action') amended.decision_visibility_other = NO_ACTION_EXPLANATION;
  else delete amended.decision_visibility_other;
  if (change.action === 'disable_in_territory' && change.territorialScope)
    amended.territorial_scope = change.territorialScope;
  else delete amended.territorial_scope;
  await tx.query(`UPDATE ${table} SET body = $2::text::jsonb WHERE ${key} = $1`, [
    decisionId,
    JSON.stringify(amended),
  ]);
}
