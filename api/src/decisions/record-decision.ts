import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type {
  Decision,
  DecisionSubmission,
  LogEntry,
  ReportedContent,
  StatementOfReasons,
} from '@counterweight/shared';
import canonicalize from 'canonicalize';
import { pseudonymOf } from '../auth/pseudonym';
import { takeUpClaim } from '../claims/claims';
import type { Principal } from '../auth/tokens';
import { ApiError } from '../errors';
import type { Queryable } from '../db/db';
import type { LogSequencer } from '../log/sequence';
import { REPORT_COLUMNS, type ReportRow } from '../reports/store';
import { bankDecisionSignals } from '../banks/decision-signals';
import { recordDecisionNotice } from '../notices/notice-store';
import { requireFourEyes } from './four-eyes';
import { appealDeadline, buildStatement } from './statement-of-reasons';

/** What the decider gets back: the decision and its statement, with the appeal token. */
export interface DecisionRecorded {
  decision: Decision;
  statement: StatementOfReasons;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The decision a submission makes on a report, as of now, with a new id. */
function decisionOf(
  reportId: string,
  row: { case_number: string; detected_by: string },
  submission: DecisionSubmission,
): Decision {
  return {
    id: randomUUID(),
    reportId,
    caseNumber: row.case_number,
    decidedAt: new Date().toISOString(),
    ground: submission.ground,
    category: submission.category,
    tcoType: submission.tcoType,
    protectedCharacteristic: submission.protectedCharacteristic,
    exemption: submission.exemption,
    action: submission.action,
    territorialScope: submission.territorialScope,
    escalateThreatToLife: submission.escalateThreatToLife,
    facts: submission.facts,
    automatedDetection: row.detected_by !== 'reviewer',
  };
}

/**
 * The statement of reasons `submission` would publish on report `reportId`, built as
 * {@link recordDecision} builds it, recording nothing (404 unknown report, 409 purged content).
 */
export async function previewStatement(
  db: Queryable,
  reportId: string,
  submission: DecisionSubmission,
): Promise<StatementOfReasons> {
  const [row] = await db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1`, [
    reportId,
  ]);
  if (!row) throw new ApiError('not_found', `no report ${reportId}`);
  const content = row.content as ReportedContent | null;
  if (!content)
    throw new ApiError('conflict', `the content of report ${row.case_number} has been purged`);
  return buildStatement(decisionOf(reportId, row, submission), content, null);
}

/**
 * Records a human decision on a report awaiting one, with its statement of reasons and their log
 * entries, in one transaction. Refuses: unknown report (404), a decider who submitted the report
 * (403 `four_eyes`, {@link requireFourEyes}), a report no longer awaiting decision (409; the conditional
 * update also stops two concurrent deciders), a decider without an unexpired claim on it (409
 * `claim_required`; the decision ends the claim). The appeal token is returned here only; the
 * database keeps its hash.
 */
export async function recordDecision(
  deps: { sequencer: LogSequencer; pseudonymKey: Uint8Array; providerNotices?: boolean },
  decider: Principal,
  reportId: string,
  submission: DecisionSubmission,
): Promise<DecisionRecorded> {
  return deps.sequencer.write(async (tx, append) => {
    const [row] = await tx.query<
      ReportRow & { submitter_name: string | null; url_sha256: string; excerpt_sha256: string }
    >(
      `SELECT ${REPORT_COLUMNS}, url_sha256, excerpt_sha256,
         (SELECT name FROM api_tokens t WHERE t.id = reports.submitted_by) AS submitter_name
       FROM reports WHERE id = $1 FOR UPDATE`,
      [reportId],
    );
    if (!row) throw new ApiError('not_found', `no report ${reportId}`);
    requireFourEyes(
      decider,
      { submitter: { tokenId: row.submitted_by, name: row.submitter_name } },
      'report',
    );
    if (row.status !== 'awaiting_decision')
      throw new ApiError(
        'conflict',
        `report ${row.case_number} is ${row.status}, not awaiting a decision`,
      );
    await takeUpClaim(tx, decider, reportId, row.case_number, Date.now());
    const content = row.content as ReportedContent | null;
    if (!content)
      throw new ApiError('conflict', `the content of report ${row.case_number} has been purged`);

    const decision = decisionOf(reportId, row, submission);
    const updated = await tx.query(
      `UPDATE reports SET status = 'decided', decision_id = $2 WHERE id = $1 AND status = 'awaiting_decision' RETURNING id`,
      [reportId, decision.id],
    );
    if (updated.length !== 1)
      throw new ApiError('conflict', `report ${row.case_number} was decided meanwhile`);

    const appealToken = `cwa_${randomBytes(32).toString('base64url')}`;
    const published = buildStatement(decision, content, null);
    const stored = JSON.parse(JSON.stringify(decision)) as Decision;
    await tx.query(
      `INSERT INTO decisions (id, report_id, decided_by, decided_at, body, appeal_token_sha256, appeal_deadline)
       VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7)`,
      [
        decision.id,
        reportId,
        decider.tokenId,
        decision.decidedAt,
        JSON.stringify(stored),
        sha256(appealToken),
        appealDeadline(decision.decidedAt),
      ],
    );
    await tx.query(
      'INSERT INTO statements (decision_id, published_at, body) VALUES ($1, $2, $3::text::jsonb)',
      [decision.id, decision.decidedAt, JSON.stringify(published)],
    );
    // The content provider is told of a restriction (DSA Art. 17); leaving content up tells nobody.
    if (deps.providerNotices && decision.action !== 'no_action')
      await recordDecisionNotice(tx, {
        decisionId: decision.id,
        decidedAt: decision.decidedAt,
        appealToken,
      });

    const common = {
      v: 1,
      at: decision.decidedAt,
      reportId,
      caseNumber: row.case_number,
      actor: pseudonymOf(deps.pseudonymKey, decider.tokenId),
      category: decision.category,
      tcoType: decision.tcoType ?? null,
      action: decision.action,
      ground: decision.ground.type,
      exemptionApplied: decision.exemption.applies,
      exemptions: decision.exemption.exemptions,
      automatedDetection: decision.automatedDetection,
      excerptSha256: row.excerpt_sha256,
      urlSha256: row.url_sha256,
    } satisfies Omit<LogEntry, 'type' | 'details'>;
    append({
      ...common,
      type: 'decision_made',
      details: {
        decisionId: decision.id,
        escalatedThreatToLife: decision.escalateThreatToLife,
        territorialScope: decision.territorialScope ?? null,
        automatedDecision: 'not_automated',
      },
    });
    append({
      ...common,
      type: 'statement_published',
      details: { decisionId: decision.id, statementSha256: sha256(canonicalize(published) ?? '') },
    });
    await bankDecisionSignals(tx, append, stored, content);
    return {
      decision: stored,
      statement: { ...published, x_appeal: { ...published.x_appeal, token: appealToken } },
    };
  });
}
