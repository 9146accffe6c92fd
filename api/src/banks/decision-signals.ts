import { createHash } from 'node:crypto';
import {
  BANKING_ACTIONS,
  logEntry,
  PROJECT_BANK,
  textSignal,
  type Decision,
  type ReportedContent,
} from '@counterweight/shared';
import type { Queryable } from '../db/db';
import type { AppendLogEntry } from '../log/sequence';
import { insertSignals, removeDecisionSignals } from './bank-store';
import type { LoggedSignal } from './bank-log';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Inside the decision's transaction: when a person decided to remove or restrict content that
 * no Art. 1(3) exemption covers, its hashes enter the project bank, labelled with the decision's
 * category and id: the media hashes the report carries (an image's PDQ, MD5 and SHA-256) and,
 * for text, the SHA-256 of the excerpt and its text signal. The excerpt of an image report only
 * describes the image, and a screenshot is evidence of the page, not the content: neither is
 * banked. Creates the project bank on first use. Returns how many signals were added.
 */
export async function bankDecisionSignals(
  tx: Queryable,
  append: AppendLogEntry,
  decision: Decision,
  content: Pick<ReportedContent, 'excerpt' | 'signals' | 'contentType'>,
): Promise<number> {
  const { excerpt } = content;
  if (!BANKING_ACTIONS.includes(decision.action) || decision.exemption.applies) return 0;
  const at = new Date(decision.decidedAt);
  const created = await tx.query(
    `INSERT INTO banks (name, kind, description, created_at) VALUES ($1, 'positive', $2, $3)
     ON CONFLICT (name) DO NOTHING RETURNING name`,
    [PROJECT_BANK, 'Content this deployment decided to remove or restrict.', decision.decidedAt],
  );
  if (created.length > 0)
    append(
      logEntry('bank_created', decision.decidedAt, {
        details: { bank: PROJECT_BANK, kind: 'positive' },
      }),
    );
  const label = { category: decision.category, source: `decision ${decision.id}` };
  const signals: LoggedSignal[] = [];
  if (content.contentType === 'text') {
    signals.push({ type: 'sha256', value: sha256(excerpt), ...label });
    const text = textSignal(excerpt);
    if (text) signals.push({ type: 'text', value: text, ...label });
  }
  for (const s of content.signals ?? []) signals.push({ type: s.type, value: s.value, ...label });
  return insertSignals(tx, append, at, PROJECT_BANK, signals, {
    actor: null,
    tokenId: null,
    decisionId: decision.id,
  });
}

/**
 * Inside the appeal decision's transaction: when the action after the appeal no longer removes
 * or restricts, the signals the decision banked are removed. Returns how many.
 */
export async function unbankAfterAppeal(
  tx: Queryable,
  append: AppendLogEntry,
  decisionId: string,
  resultingAction: Decision['action'],
  at: Date,
): Promise<number> {
  if (BANKING_ACTIONS.includes(resultingAction)) return 0;
  return removeDecisionSignals(tx, append, at, decisionId);
}
