import { z } from 'zod';
import { Id, storedText, TerritoryCode, Timestamp } from './common';
import { Action } from './taxonomy';
import { Appellant, AppealOutcome } from './transparency-details';

export { Appellant, AppealOutcome } from './transparency-details';

/** Appeals are accepted for six months after the decision (DSA Art. 20(1)). */
export const APPEAL_WINDOW_MONTHS = 6; // the API stores each decision's deadline
/** An appeal is due fourteen days after it was filed (TCO Art. 10(2): "two weeks"). */
export const APPEAL_DUE_DAYS = 14;
export const MAX_APPEAL_GROUNDS_CHARS = 5000;

/** The appeal token of a statement of reasons (never stored: the database keeps its hash). */
const AppealToken = storedText().min(16).max(200);
const Grounds = storedText().trim().min(1).max(MAX_APPEAL_GROUNDS_CHARS);

/**
 * Body of `POST /v1/appeals`. A content provider proves standing with the appeal token from the
 * statement of reasons; a reporter contesting a "no action" decision is authenticated by their
 * bearer token instead and names the report.
 */
export const AppealSubmission = z.discriminatedUnion('appellant', [
  z.strictObject({
    appellant: z.literal('content_provider'),
    token: AppealToken,
    grounds: Grounds,
  }),
  z.strictObject({
    appellant: z.literal('reporter'),
    reportId: Id,
    grounds: Grounds,
  }),
]);
export type AppealSubmission = z.infer<typeof AppealSubmission>;

/**
 * Body of `POST /v1/appeals/{id}/decision`. `action` is the action after the appeal: required
 * when the outcome is `modified`, and when reversing a "no action" decision (the reporter won);
 * a reversal of any other action reinstates the content (`no_action`).
 */
export const AppealDecisionSubmission = z
  .strictObject({
    outcome: AppealOutcome,
    reasons: storedText().trim().min(1).max(5000),
    action: Action.optional(),
    /** Required when the action after the appeal is `disable_in_territory`. */
    territorialScope: z.array(TerritoryCode).min(1).max(60).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'upheld' && value.action)
      ctx.addIssue({
        code: 'custom',
        path: ['action'],
        message: 'an upheld decision keeps its action; leave action out',
      });
    if (value.outcome === 'modified' && !value.action)
      ctx.addIssue({
        code: 'custom',
        path: ['action'],
        message: 'required when outcome is modified',
      });
    if (value.action === 'disable_in_territory' && !value.territorialScope)
      ctx.addIssue({
        code: 'custom',
        path: ['territorialScope'],
        message: 'required when action is disable_in_territory',
      });
    if (value.action !== 'disable_in_territory' && value.territorialScope)
      ctx.addIssue({
        code: 'custom',
        path: ['territorialScope'],
        message: 'only with action disable_in_territory',
      });
  });
export type AppealDecisionSubmission = z.infer<typeof AppealDecisionSubmission>;

export const AppealStatus = z.enum(['open', 'decided']);

/** An appeal as the API returns it to staff. The appellant's grounds are shown to the decider. */
export const Appeal = z.strictObject({
  id: Id,
  /** The report and decision contested; null for a complaint on a removal order. */
  reportId: Id.nullable(),
  decisionId: Id.nullable(),
  /** The removal order complained about (TCO Art. 10); null for an appeal on a decision. */
  orderId: Id.nullable(),
  caseNumber: z.string(),
  appellant: Appellant,
  grounds: z.string().nullable(), // null once purged under the retention rule
  status: AppealStatus,
  filedAt: Timestamp,
  dueAt: Timestamp,
  overdue: z.boolean(),
  originalAction: Action,
  outcome: AppealOutcome.nullable(),
  resultingAction: Action.nullable(),
  reasons: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
});
export type Appeal = z.infer<typeof Appeal>;

/** What the appellant gets back on filing: the reference and the date a reasoned answer is due. */
export const AppealReceipt = z.strictObject({
  appealId: Id,
  caseNumber: z.string(),
  status: AppealStatus,
  filedAt: Timestamp,
  dueAt: Timestamp,
});
export type AppealReceipt = z.infer<typeof AppealReceipt>;

/**
 * Body of `POST /v1/appeals/status`: the appellant asks how their appeal stands, proving
 * standing the same way as when filing (a POST, so the token never appears in a URL).
 */
export const AppealStatusRequest = z.discriminatedUnion('appellant', [
  z.strictObject({ appellant: z.literal('content_provider'), token: AppealToken }),
  z.strictObject({ appellant: z.literal('reporter'), reportId: Id }),
]);
export type AppealStatusRequest = z.infer<typeof AppealStatusRequest>;

/** What the appellant is told: the state of the appeal and, once decided, the reasoned outcome. */
export const AppealNotice = z.strictObject({
  appealId: Id,
  caseNumber: z.string(),
  status: AppealStatus,
  filedAt: Timestamp,
  dueAt: Timestamp,
  originalAction: Action,
  outcome: AppealOutcome.nullable(),
  resultingAction: Action.nullable(),
  reasons: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
});
export type AppealNotice = z.infer<typeof AppealNotice>;

/** `GET /v1/appeals/queue`: open appeals, overdue first, then by due date. */
export const AppealQueue = z.strictObject({ items: z.array(Appeal) });
export type AppealQueue = z.infer<typeof AppealQueue>;

/**
 * A reinstatement is an appeal reversed where the content had been acted on: the content
 * comes back. Reversing a "no action" decision (the reporter won) is not one.
 */
export function isReinstatement(outcome: AppealOutcome, previousAction: Action): boolean {
  return outcome === 'reversed' && previousAction !== 'no_action';
}

/** The action after an appeal, or an error message naming why it is not allowed. */
export function resultingAction(
  outcome: AppealOutcome,
  previousAction: Action,
  requested: Action | undefined,
): { action: Action } | { error: string } {
  if (outcome === 'upheld') return { action: previousAction };
  if (outcome === 'reversed') {
    if (previousAction !== 'no_action') {
      if (requested && requested !== 'no_action')
        return {
          error: 'reversing an action reinstates the content: action must be no_action or left out',
        };
      return { action: 'no_action' };
    }
    if (!requested || requested === 'no_action')
      return { error: 'reversing a no action decision needs the action to take' };
    return { action: requested };
  }
  if (!requested || requested === previousAction)
    return { error: 'a modified decision needs an action different from the original' };
  if (requested === 'no_action' || previousAction === 'no_action')
    return { error: 'to or from no_action is a reversal, not a modification' };
  return { action: requested };
}

/** When an appeal filed at `filedAt` is due. */
export function appealDueAt(filedAt: Date): Date {
  return new Date(filedAt.getTime() + APPEAL_DUE_DAYS * 24 * 3600 * 1000);
}
