import { z } from 'zod';
import { TerritoryCode, Timestamp } from './common';
import { Action } from './taxonomy';

/**
 * The `details` vocabulary of log entries that the transparency figures read. Writers put these
 * keys in `LogEntry.details`; readers parse them leniently (unknown keys are allowed, so new
 * details never break an old verifier). None of them is personal data.
 */

/** DSA `automated_decision`, without its prefix. A person decides in Counterweight. */
export const AutomatedDecision = z.enum(['fully', 'partially', 'not_automated']);
export type AutomatedDecision = z.infer<typeof AutomatedDecision>;

/** `decision_made`: which decision, where access was disabled, and how automated it was. */
export const DecisionMadeDetails = z.looseObject({
  decisionId: z.uuid(),
  /** Territories of a `disable_in_territory` action (ISO 3166-1 alpha-2). */
  territorialScope: z.array(TerritoryCode).nullish(),
  automatedDecision: AutomatedDecision.optional(),
});

/** Who lodged an appeal: the affected content provider, or the reporter contesting no action. */
export const Appellant = z.enum(['content_provider', 'reporter']);
export type Appellant = z.infer<typeof Appellant>;

/** `appeal_filed`: the appeal, the decision it contests and when it is due. */
export const AppealFiledDetails = z.looseObject({
  appealId: z.uuid(),
  decisionId: z.uuid(),
  appellant: Appellant,
  dueAt: Timestamp,
});

export const AppealOutcome = z.enum(['upheld', 'reversed', 'modified']);
export type AppealOutcome = z.infer<typeof AppealOutcome>;

/**
 * `appeal_decided`: the outcome, the action before the appeal and (in `LogEntry.action`) the
 * action after it, with the territories of a `disable_in_territory` action after it.
 * `reinstatement` is stated by the writer and recomputed by verifiers. `decisionId` (the contested
 * decision, or the removal order of a complaint) and `territorialScope` are optional so that
 * entries written before they were read stay valid.
 */
export const AppealDecidedDetails = z.looseObject({
  appealId: z.uuid(),
  decisionId: z.uuid().optional(),
  outcome: AppealOutcome,
  previousAction: Action,
  reinstatement: z.boolean(),
  territorialScope: z.array(TerritoryCode).nullish(),
});
export type AppealDecidedDetails = z.infer<typeof AppealDecidedDetails>;

export const PurgeReason = z.enum(['retention_expired']);

/** `content_purged`: why the report content was deleted. */
export const ContentPurgedDetails = z.looseObject({ reason: PurgeReason });
