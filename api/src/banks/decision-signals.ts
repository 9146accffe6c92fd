import { createHash } from 'node:crypto';
import {
  BANKING_ACTIONS,
  logEntry,
  PROJECT_BANK,
  textSignal,
  type Action,
  type Decision,
  type ReportedContent,
} from '@counterweight/shared';
import type { Queryable } from '../db/db';
import { ApiError } from '../errors';
import type { AppendLogEntry } from '../log/sequence';
import { insertSignals, removeDecisionSignals } from './bank-store';
import type { LoggedSignal } from './bank-log';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What of the reported content the bank takes its signals from. */
type BankedContent = Pick<ReportedContent, 'excerpt' | 'signals' | 'contentType'>;

/** Whether a decision with this action feeds the project bank (no Art. 1(3) exemption covers it). */
const banks = (action: Action, exemptionApplies: boolean) =>
  BANKING_ACTIONS.includes(action) && !exemptionApplies;

/**
 * Inside the decision's transaction: when a person decided to remove or restrict content that
 * no Art. 1(3) exemption covers, its hashes enter the project bank, labelled with the decision's
 * category and id: the media hashes the report carries (an image's PDQ, MD5 and SHA-256) and,
 * for text, the SHA-256 of the excerpt and its text signal (a reported text match carries that
 * same signal, which the report's schema checks against the excerpt, so it is banked once). The
 * excerpt of an image report only
 * describes the image, and a screenshot is evidence of the page, not the content: neither is
 * banked. Creates the project bank on first use. Returns how many signals were added.
 */
export async function bankDecisionSignals(
  tx: Queryable,
  append: AppendLogEntry,
  decision: Decision,
  content: BankedContent,
): Promise<number> {
  if (!banks(decision.action, decision.exemption.applies)) return 0;
  return bankContent(tx, append, decision.id, decision.category, content, decision.decidedAt);
}

/** How an appeal decision changed a decision, as the bank sees it. */
export interface AppealedDecision {
  decisionId: string;
  reportId: string;
  category: string;
  exemptionApplies: boolean;
  /** The action of the decision, and the action in force after the appeal. */
  previousAction: Action;
  action: Action;
}

/**
 * Inside the appeal decision's transaction, the project bank follows the decision as the appeal
 * left it. When the action after the appeal removes or restricts and the one before did not (a
 * "no action" reversed on a reporter's appeal, a label modified into a restriction), the
 * content's signals enter the bank exactly as they would from a first decision with that action
 * ({@link bankDecisionSignals}); when the action before removed or restricted and the one after
 * does not (reversed, or modified into a label), the signals the decision banked are removed.
 * Upheld, or one removal or restriction changed into another: the bank is left as it is. Each
 * change is one log entry. Returns how many signals were added and removed.
 */
export async function bankAfterAppeal(
  tx: Queryable,
  append: AppendLogEntry,
  appealed: AppealedDecision,
  at: Date,
): Promise<{ added: number; removed: number }> {
  const before = banks(appealed.previousAction, appealed.exemptionApplies);
  const after = banks(appealed.action, appealed.exemptionApplies);
  if (before && !after)
    return { added: 0, removed: await removeDecisionSignals(tx, append, at, appealed.decisionId) };
  if (after && !before) {
    const [report] = await tx.query<{ content: ReportedContent | null }>(
      'SELECT content FROM reports WHERE id = $1',
      [appealed.reportId],
    );
    // Content is kept while an appeal is open (retention/purge.ts); gone, nothing can be banked.
    if (!report?.content)
      throw new ApiError(
        'conflict',
        `the content of report ${appealed.reportId} has been purged: its signals cannot be banked`,
      );
    const { decisionId, category } = appealed;
    const added = await bankContent(
      tx,
      append,
      decisionId,
      category,
      report.content,
      at.toISOString(),
    );
    return { added, removed: 0 };
  }
  return { added: 0, removed: 0 };
}

/** The content's signals into the project bank (created on first use), labelled by the decision. */
async function bankContent(
  tx: Queryable,
  append: AppendLogEntry,
  decisionId: string,
  category: string,
  content: BankedContent,
  at: string,
): Promise<number> {
  const { excerpt } = content;
  const created = await tx.query(
    `INSERT INTO banks (name, kind, description, created_at) VALUES ($1, 'positive', $2, $3)
     ON CONFLICT (name) DO NOTHING RETURNING name`,
    [PROJECT_BANK, 'Content this deployment decided to remove or restrict.', at],
  );
  if (created.length > 0)
    append(logEntry('bank_created', at, { details: { bank: PROJECT_BANK, kind: 'positive' } }));
  const label = { category, source: `decision ${decisionId}` };
  const signals: LoggedSignal[] = [];
  if (content.contentType === 'text') {
    signals.push({ type: 'sha256', value: sha256(excerpt), ...label });
    const text = textSignal(excerpt);
    if (text) signals.push({ type: 'text', value: text, ...label });
  }
  for (const s of content.signals ?? [])
    if (!signals.some((b) => b.type === s.type && b.value === s.value))
      signals.push({ type: s.type, value: s.value, ...label });
  return insertSignals(tx, append, new Date(at), PROJECT_BANK, signals, {
    actor: null,
    tokenId: null,
    decisionId,
  });
}
