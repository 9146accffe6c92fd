import {
  isReinstatement,
  personalDataIn,
  resultingAction,
  type Action,
  type AppealDecisionSubmission,
  type Appeal,
  type LogEntry,
} from '@counterweight/shared';
import type { Queryable } from '../db/db';
import { ApiError } from '../errors';
import { requireFourEyes, type CaseParties, type Person } from '../decisions/four-eyes';
import { bankAfterAppeal } from '../banks/decision-signals';
import { deliverAppealOutcome } from '../tdb/appeal-delivery';
import { amendStatementAfterAppeal } from './amend-statement';
import { APPEAL_SELECT, getAppeal, type AppealDeps, type AppealRow } from './appeal-records';
import { DECISION_SELECT, decisionFields, type DecisionRow } from './contested-decision';
import { decideOrderComplaint } from './order-complaints';

/** Who took part in the case of an appeal: the report's submitter, the first decider, the appellant. */
async function caseParties(tx: Queryable, appealId: string): Promise<CaseParties> {
  const [row] = await tx.query<{
    submitter_id: string;
    submitter_name: string | null;
    decider_id: string;
    decider_name: string | null;
    appellant_id: string | null;
    appellant_name: string | null;
  }>(
    `SELECT r.submitted_by::text AS submitter_id, s.name AS submitter_name,
       d.decided_by::text AS decider_id, dt.name AS decider_name,
       a.filed_by::text AS appellant_id, f.name AS appellant_name
     FROM appeals a
     JOIN reports r ON r.id = a.report_id
     JOIN decisions d ON d.id = a.decision_id
     LEFT JOIN api_tokens s ON s.id = r.submitted_by
     LEFT JOIN api_tokens dt ON dt.id = d.decided_by
     LEFT JOIN api_tokens f ON f.id = a.filed_by
     WHERE a.id = $1`,
    [appealId],
  );
  if (!row) throw new ApiError('internal', `appeal ${appealId} names a missing decision`);
  return {
    submitter: { tokenId: row.submitter_id, name: row.submitter_name },
    decider: { tokenId: row.decider_id, name: row.decider_name },
    appellant: row.appellant_id ? { tokenId: row.appellant_id, name: row.appellant_name } : null,
  };
}

/**
 * Decides an open appeal. The decider must have taken no part in the case: not the report's
 * submitter, not the first decider, not the reporter who appealed (403 `four_eyes`,
 * {@link requireFourEyes}). A reversal or modification amends the statement of reasons (`x_amended_by_appeal`,
 * `x_action`) and moves the content's signals into or out of the project bank
 * ({@link bankAfterAppeal}); the appeal, the statement, the report status, the bank and their log
 * entries commit together.
 */
export async function decideAppeal(
  deps: AppealDeps,
  appealId: string,
  submission: AppealDecisionSubmission,
  decider: Person,
): Promise<Appeal> {
  const now = deps.now();
  await deps.sequencer.write(async (tx, append) => {
    const [appeal] = await tx.query<AppealRow>(`${APPEAL_SELECT} WHERE a.id = $1 FOR UPDATE OF a`, [
      appealId,
    ]);
    if (!appeal) throw new ApiError('not_found', `no appeal ${appealId}`);
    if (appeal.order_id !== null) {
      if (appeal.outcome) throw new ApiError('conflict', `appeal ${appealId} was already decided`);
      const complaint = { ...appeal, order_id: appeal.order_id };
      const actor = deps.pseudonym(decider.tokenId);
      return decideOrderComplaint(tx, append, complaint, submission, decider, actor, now);
    }
    requireFourEyes(decider, await caseParties(tx, appealId), 'appeal');
    if (appeal.outcome) throw new ApiError('conflict', `appeal ${appealId} was already decided`);
    const decisionId = appeal.decision_id!;
    const [decision] = await tx.query<DecisionRow>(`${DECISION_SELECT} WHERE d.id = $1`, [
      decisionId,
    ]);
    if (!decision) throw new ApiError('internal', `appeal ${appealId} names a missing decision`);
    const result = resultingAction(submission.outcome, appeal.original_action, submission.action);
    if ('error' in result)
      throw new ApiError('validation_failed', result.error, [
        { path: 'action', message: result.error },
      ]);
    if (
      decision.body.exemption.applies &&
      (result.action === 'remove' || result.action === 'disable_in_territory')
    )
      throw new ApiError(
        'validation_failed',
        'an Art. 1(3) exemption applies to this content: no removal',
        [{ path: 'action', message: `cannot be ${result.action} when an exemption applies` }],
      );
    // A new restriction gets a public statement of its own, explained by these reasons.
    const found = result.action === 'no_action' ? null : personalDataIn(submission.reasons);
    if (submission.outcome !== 'upheld' && found)
      throw new ApiError('validation_failed', `invalid reasons: ${found}`, [
        { path: 'reasons', message: found },
      ]);
    await tx.query(
      `UPDATE appeals SET decided_by = $2, decided_at = $3, outcome = $4, resulting_action = $5, reasons = $6 WHERE id = $1`,
      [
        appealId,
        decider.tokenId,
        now.toISOString(),
        submission.outcome,
        result.action,
        submission.reasons,
      ],
    );
    await tx.query(`UPDATE reports SET status = 'decided' WHERE id = $1 AND status = 'appealed'`, [
      appeal.report_id,
    ]);
    const territorialScope =
      result.action === 'disable_in_territory' ? (submission.territorialScope ?? null) : null;
    if (submission.outcome !== 'upheld') {
      const amended = await amendStatementAfterAppeal(tx, decisionId, {
        appealId,
        outcome: submission.outcome,
        action: result.action,
        territorialScope,
        reasons: submission.reasons,
        decidedAt: now.toISOString(),
      });
      if (amended) await deliverAppealOutcome(tx, amended);
    }
    append(
      appealDecidedEntry(
        decision,
        appeal,
        submission,
        result.action,
        territorialScope,
        deps.pseudonym(decider.tokenId),
        now,
      ),
    );
    await bankAfterAppeal(
      tx,
      append,
      {
        decisionId,
        reportId: decision.report_id,
        category: decision.body.category,
        exemptionApplies: decision.body.exemption.applies,
        previousAction: appeal.original_action,
        action: result.action,
      },
      now,
    );
  });
  return getAppeal(deps, appealId);
}

function appealDecidedEntry(
  decision: DecisionRow,
  appeal: AppealRow,
  submission: AppealDecisionSubmission,
  action: Action,
  territorialScope: string[] | null,
  actor: string,
  now: Date,
): LogEntry {
  return {
    v: 1,
    type: 'appeal_decided',
    at: now.toISOString(),
    ...decisionFields(decision),
    actor,
    action,
    details: {
      appealId: appeal.id,
      decisionId: decision.id,
      outcome: submission.outcome,
      previousAction: appeal.original_action,
      reinstatement: isReinstatement(submission.outcome, appeal.original_action),
      territorialScope,
    },
  };
}
