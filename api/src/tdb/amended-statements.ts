import { StatementOfReasons } from '@counterweight/shared';

/**
 * What the Transparency Database is told when an appeal changes a decision. It has no update
 * endpoint and takes a puid once, so a statement it holds stays as it was taken:
 *
 * - the original puid always carries the statement as first published (the decision that was
 *   taken and applied, `x_original_statement` once amended);
 * - an appeal whose outcome is a new restriction (a "no action" decision reversed into one, or a
 *   modification to another restriction) is a new decision with its own statement, puid
 *   `<original puid>-appeal-<appeal id>`, dated the appeal's decision;
 * - a reversal to "no restriction" restricts nothing and sends nothing: the original's delivery
 *   row notes the amendment (`amended_by_appeal`), shown by `GET /v1/statements/delivery`.
 */

/** The note on the original's delivery row: which appeal changed it, and the new statement's puid. */
export interface AmendmentNote {
  appealId: string;
  outcome: 'reversed' | 'modified';
  amendedAt: string;
  /** The puid of the new restriction's statement; null for a reversal to no restriction. */
  newPuid: string | null;
}

/** The puid of the statement of a restriction decided on appeal (≤ 500, `[A-Za-z0-9-_]`). */
export function appealPuid(originalPuid: string, appealId: string): string {
  return `${originalPuid}-appeal-${appealId}`;
}

/** The statement as first published: what the original puid carries. */
export function firstStatement(statement: StatementOfReasons): StatementOfReasons {
  return statement.x_original_statement
    ? StatementOfReasons.parse(statement.x_original_statement)
    : statement;
}

/** The note an amended statement leaves on its original's delivery, or null if none amended it. */
export function amendmentOf(statement: StatementOfReasons): AmendmentNote | null {
  const appeal = statement.x_appeal_decision;
  if (!appeal) return null;
  return {
    appealId: appeal.appealId,
    outcome: appeal.outcome,
    amendedAt: appeal.decidedAt,
    newPuid:
      statement.x_action === 'no_action' ? null : appealPuid(statement.puid, appeal.appealId),
  };
}

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * The statement of the new restriction an appeal decided, from the amended statement (which
 * states what is in force): its own puid, applied on the appeal's day, explained by the appeal's
 * reasons; null when the appeal left no restriction.
 */
export function appealStatement(amended: StatementOfReasons): StatementOfReasons | null {
  const note = amendmentOf(amended);
  const appeal = amended.x_appeal_decision;
  if (!note?.newPuid || !appeal) return null;
  const { x_original_statement: _first, ...current } = amended;
  const explanation = clip(`Restricted on appeal (${appeal.outcome}): ${appeal.reasons}`, 2000);
  return {
    ...current,
    puid: note.newPuid,
    application_date: appeal.decidedAt.slice(0, 10),
    ...(amended.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT'
      ? { illegal_content_explanation: explanation }
      : { incompatible_content_explanation: explanation }),
  };
}
