import { z } from 'zod';
import { Id, Timestamp } from './common';
import { Action } from './taxonomy';

/**
 * Where a report stands, as its submitter sees it: waiting in the queue, claimed by a reviewer,
 * decided (with the action and where the statement of reasons is), appealed, or the appeal
 * decided (with the action in force after it).
 */
export const PROGRESS_STATES = [
  'waiting',
  'claimed',
  'decided',
  'appealed',
  'appeal_decided',
] as const;
export const ProgressState = z.enum(PROGRESS_STATES);
export type ProgressState = z.infer<typeof ProgressState>;

export const ReportProgress = z.strictObject({
  state: ProgressState,
  /** The action in force: the decision's, or the appeal's once decided. */
  action: Action.optional(),
  /** `/v1/decisions/{id}/statement` once decided. */
  statementUrl: z.string().optional(),
});
export type ReportProgress = z.infer<typeof ReportProgress>;

/** One line of `POST /v1/reports/status`. */
export const ReportStatusLine = ReportProgress.extend({ id: Id, caseNumber: z.string() });
export type ReportStatusLine = z.infer<typeof ReportStatusLine>;

/** Body of `POST /v1/reports/status`: up to 200 report ids the caller submitted. */
export const ReportStatusRequest = z.strictObject({ ids: z.array(Id).min(1).max(200) });

/** Answer of `POST /v1/reports/status`; ids the caller did not submit (or unknown) are left out. */
export const ReportStatusList = z.strictObject({ reports: z.array(ReportStatusLine) });

/** A claim on a report: the lease the reviewer holds while working the case. */
export const ClaimLease = z.strictObject({
  reportId: Id,
  caseNumber: z.string(),
  claimedAt: Timestamp,
  expiresAt: Timestamp,
});
export type ClaimLease = z.infer<typeof ClaimLease>;

/** A claim's lease: 15 minutes, renewed by claiming again while the case is open. */
export const CLAIM_LEASE_MS = 15 * 60 * 1000;
