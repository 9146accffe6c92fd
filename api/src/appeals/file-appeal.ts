import { randomUUID } from 'node:crypto';
import { appealDueAt, type AppealReceipt, type AppealSubmission } from '@counterweight/shared';
import { ApiError } from '../errors';
import type { AppealDeps } from './appeal-records';
import { decisionFields, findContestedDecision } from './contested-decision';
import { fileOrderComplaint, orderByAppealToken } from './order-complaints';

/**
 * Files an appeal. A content provider is identified by the appeal token of the statement of
 * reasons; a reporter (the token that submitted the report) may contest a "no action" decision.
 * Refused after the six-month deadline (409) and when the decision is already appealed (409).
 * The appeal row, the report status and the `appeal_filed` entry commit together.
 */
export async function fileAppeal(
  deps: AppealDeps,
  submission: AppealSubmission,
  caller: { tokenId: string } | null,
  appealTokenHash: (token: string) => string,
): Promise<AppealReceipt> {
  const now = deps.now();
  return deps.sequencer.write(async (tx, append) => {
    if (submission.appellant === 'content_provider') {
      // A complaint on an executed removal order (TCO Art. 10) carries the order's token.
      const order = await orderByAppealToken(tx, appealTokenHash(submission.token), true);
      if (order) return fileOrderComplaint(tx, append, order, submission.grounds, now);
    }
    const decision = await findContestedDecision(tx, submission, caller, appealTokenHash);
    if (now.getTime() > Date.parse(decision.appeal_deadline))
      throw new ApiError('conflict', `the appeal period ended on ${decision.appeal_deadline}`);
    const [existing] = await tx.query('SELECT 1 FROM appeals WHERE decision_id = $1', [
      decision.id,
    ]);
    if (existing) throw new ApiError('conflict', 'this decision has already been appealed');
    const id = randomUUID();
    const dueAt = appealDueAt(now);
    await tx.query(
      `INSERT INTO appeals (id, report_id, decision_id, appellant, filed_by, grounds, filed_at, due_at, original_action)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        decision.report_id,
        decision.id,
        submission.appellant,
        submission.appellant === 'reporter' ? caller?.tokenId : null,
        submission.grounds,
        now.toISOString(),
        dueAt.toISOString(),
        decision.body.action,
      ],
    );
    await tx.query(`UPDATE reports SET status = 'appealed' WHERE id = $1`, [decision.report_id]);
    append({
      v: 1,
      type: 'appeal_filed',
      at: now.toISOString(),
      ...decisionFields(decision),
      actor: submission.appellant === 'reporter' && caller ? deps.pseudonym(caller.tokenId) : null,
      action: decision.body.action,
      details: {
        appealId: id,
        decisionId: decision.id,
        appellant: submission.appellant,
        dueAt: dueAt.toISOString(),
      },
    });
    return {
      appealId: id,
      caseNumber: decision.case_number,
      status: 'open',
      filedAt: now.toISOString(),
      dueAt: dueAt.toISOString(),
    };
  });
}
