import { z } from 'zod';
import { isReinstatement } from './appeal';
import { Timestamp } from './common';
import type { LogEntry } from './log-entry';
import {
  emptyOrderFigures,
  OrderFigures,
  orderCounts,
  PendingReviewProceedings,
} from './order-figures';
import {
  Action,
  ACTION_IDS,
  EXEMPTION_IDS,
  POLICY_CATEGORY_IDS,
  REMOVAL_ACTIONS,
  TCO_TYPE_IDS,
} from './taxonomy';
import {
  AppealDecidedDetails,
  AppealFiledDetails,
  AutomatedDecision,
  DecisionMadeDetails,
} from './transparency-details';

/**
 * The transparency report: the items of TCO Art. 7 and the Santa Clara numbers, every one of
 * them computed by `computeTransparencyFigures` from log entries alone, so that an auditor can
 * recompute them from `/v1/log/entries` and compare.
 */

/** A reporting period, `from` inclusive and `to` exclusive. */
export const ReportingPeriod = z
  .strictObject({ from: Timestamp, to: Timestamp })
  .refine((p) => Date.parse(p.from) < Date.parse(p.to), {
    path: ['to'],
    message: 'to must be after from',
  });
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

const count = z.number().int().nonnegative();
const countsOf = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.strictObject(
    Object.fromEntries(ids.map((id) => [id, count])) as { [K in T[number]]: typeof count },
  );

/** Median and 90th percentile (nearest rank) of durations in milliseconds; null when none. */
export const DurationSummary = z.strictObject({
  count,
  medianMs: count.nullable(),
  p90Ms: count.nullable(),
});
export type DurationSummary = z.infer<typeof DurationSummary>;

export const TransparencyFigures = z.strictObject({
  reports: z.strictObject({
    received: count,
    byCategory: countsOf(POLICY_CATEGORY_IDS),
    /** Santa Clara "detection source": flagged by the classifier vs found by a person. */
    byDetection: z.strictObject({ classifier: count, person: count }),
  }),
  decisions: z.strictObject({
    total: count,
    /** Any action other than `no_action`. */
    actioned: count,
    /** TCO Art. 7(2)(c): items removed or with access disabled. */
    removedOrDisabled: count,
    byCategory: countsOf(POLICY_CATEGORY_IDS),
    byTcoType: countsOf(TCO_TYPE_IDS),
    byAction: countsOf(ACTION_IDS),
    /** Actioned items per territory; actions without a territorial scope count as `worldwide`. */
    byTerritory: z.record(z.string(), count),
    byGround: z.strictObject({ illegal_content: count, incompatible_content: count }),
    byDetection: z.strictObject({ classifier: count, person: count }),
    byAutomation: z.strictObject({
      fully: count,
      partially: count,
      not_automated: count,
      not_stated: count,
    }),
    /** Art. 1(3) exemptions: decisions where one applied, and how often each was named. */
    exemptionApplied: count,
    byExemption: countsOf(EXEMPTION_IDS),
  }),
  appeals: z.strictObject({
    received: count,
    byAppellant: z.strictObject({ content_provider: count, reporter: count }),
    decided: count,
    outcomes: z.strictObject({ upheld: count, reversed: count, modified: count }),
    /** Appeals decided by the pseudonym that took the contested decision: must be 0. */
    decidedByOriginalDecider: count,
    /** Appeals decided after their due date (14 days after filing). */
    decidedLate: count,
  }),
  /**
   * The outcome in force after appeal of each decision of the period, as the report's checkpoint
   * stands: the first decision's action and territories, changed by every appeal decided on it
   * since (upheld: unchanged; reversed or modified: the action and territories the appeal
   * decision names). Counted at the time of the first decision, so that `byAction` sums to
   * `decisions.total` and sits beside `decisions.byAction`.
   */
  afterAppeal: z.strictObject({
    byAction: countsOf(ACTION_IDS),
    /** Actioned items per territory, as `decisions.byTerritory`; zeros are left out. */
    byTerritory: z.record(z.string(), count),
    /** First decisions whose action or territories differ after appeal. */
    changedOnAppeal: count,
  }),
  /** TCO Art. 7(2)(d)/(e): content restored after an appeal. */
  reinstatements: count,
  contentPurged: count,
  /** TCO Art. 7(2)(c): removal orders and how they were answered. */
  orders: OrderFigures,
  timings: z.strictObject({ reportToDecision: DurationSummary, appealToOutcome: DurationSummary }),
});
export type TransparencyFigures = z.infer<typeof TransparencyFigures>;

/** The checkpoint a report was computed at: the log had `treeSize` entries with this root. */
export const ReportCheckpoint = z.strictObject({
  treeSize: count,
  rootHash: z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'expected standard base64'),
});

/** `GET /v1/transparency/report` */
export const TransparencyReport = z.strictObject({
  period: ReportingPeriod,
  checkpoint: ReportCheckpoint,
  generatedAt: Timestamp,
  figures: TransparencyFigures,
  /** How every figure is computed, for readers of the report. */
  method: z.string(),
});
export type TransparencyReport = z.infer<typeof TransparencyReport>;

export const TRANSPARENCY_METHOD =
  "Every figure is computed from the log entries whose time lies in [from, to), by the pure function computeTransparencyFigures in @counterweight/shared, over the first treeSize entries of the log. Durations pair each decision with its report_received entry and each appeal outcome with its appeal_filed entry, wherever in the log those lie; median and p90 use the nearest-rank method. A reinstatement is an appeal reversed where the content had been acted on. Outcomes after appeal count each decision of the period once, at the time of the decision, with the action and territories in force after every appeal_decided entry on it within the first treeSize entries (upheld keeps them; reversed or modified takes the entry's action and details.territorialScope). Review proceedings against removal orders (TCO Art. 9) count as pending at the time of their order_review_filed entry until an order_review_decided entry on them lies within the first treeSize entries; orders.reinstatements is the sum of the reinstatements after complaints and after review proceedings.";

function zeros<T extends string>(ids: readonly T[]): Record<T, number> {
  return Object.fromEntries(ids.map((id) => [id, 0])) as Record<T, number>;
}

/** Nearest-rank percentile (`q` in (0, 1]) of a list of numbers; null for an empty list. */
export function nearestRank(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? null;
}

function summarise(durations: readonly number[]): DurationSummary {
  return {
    count: durations.length,
    medianMs: nearestRank(durations, 0.5),
    p90Ms: nearestRank(durations, 0.9),
  };
}

/**
 * Compute every figure of a transparency report from log entries alone. `entries` are in log
 * order and should include everything before `period.to` (earlier entries are used to pair a
 * decision with its report and an appeal with its filing and the contested decision); only
 * events with `from <= at < to` are counted. Pure and deterministic.
 */
export function computeTransparencyFigures(
  entries: readonly LogEntry[],
  period: ReportingPeriod,
): TransparencyFigures {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const f = emptyFigures();
  const tally = new TransparencyTally();
  const reportToDecision: number[] = [];
  const appealToOutcome: number[] = [];
  for (const e of entries) {
    const c = tally.add(e);
    if (!c) continue;
    for (const r of c.revisions) {
      if (r.at < from || r.at >= to) continue;
      for (const path of r.remove) addCount(f, path, -1);
      for (const path of r.add) addCount(f, path, 1);
    }
    if (c.at < from || c.at >= to) continue;
    for (const path of c.counts) addCount(f, path, 1);
    if (c.reportToDecisionMs !== null) reportToDecision.push(c.reportToDecisionMs);
    if (c.appealToOutcomeMs !== null) appealToOutcome.push(c.appealToOutcomeMs);
  }
  f.timings.reportToDecision = summarise(reportToDecision);
  f.timings.appealToOutcome = summarise(appealToOutcome);
  for (const [territory, n] of Object.entries(f.afterAppeal.byTerritory))
    if (n === 0) delete f.afterAppeal.byTerritory[territory];
  return f;
}

/**
 * What one log entry adds to the figures of every period that contains its time: one to each
 * count named in `counts` (dotted paths into {@link TransparencyFigures}, such as
 * `decisions.byAction.remove`) and at most one duration of each kind.
 */
export interface EntryContribution {
  /** The entry's time (`at`), ms since the epoch. */
  at: number;
  counts: string[];
  reportToDecisionMs: number | null;
  appealToOutcomeMs: number | null;
  /** Changes to the counts of an earlier entry's time (see {@link Revision}). */
  revisions: Revision[];
}

/**
 * An appeal decision changes the outcome after appeal of a decision taken earlier, which counts at
 * the decision's time: one less at each path of `remove`, one more at each of `add`, at `at`.
 */
export interface Revision {
  at: number;
  remove: string[];
  add: string[];
}

/** An action and the territories it applies in (null: everywhere). */
interface Outcome {
  action: Action;
  territories: readonly string[] | null;
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.action === b.action && territoriesOf(a).join() === territoriesOf(b).join();
}

/** The territories an outcome counts in: none for no action, `worldwide` when unscoped. */
function territoriesOf(o: Outcome): string[] {
  if (o.action === 'no_action') return [];
  return o.territories && o.territories.length > 0 ? [...o.territories].sort() : ['worldwide'];
}

function outcomeCounts(o: Outcome): string[] {
  return [
    `afterAppeal.byAction.${o.action}`,
    ...territoriesOf(o).map((t) => `afterAppeal.byTerritory.${t}`),
  ];
}

/**
 * Reads log entries in log order and states what each one adds to the figures
 * ({@link EntryContribution}); {@link computeTransparencyFigures} is this plus a filter on the
 * period. An entry's contribution depends only on the entries before it (the report it decides,
 * the appeal it closes, the decision it contests), so it can be worked out once, as the entry is
 * integrated, and summed per day (`api/src/transparency/figure-index.ts`).
 */
export class TransparencyTally {
  /** Per report id: when it was received, its current action and who first-decided it. */
  readonly #reports = new Map<
    string,
    { receivedAt?: number; action?: Action; decider?: string | null; decisionId?: string }
  >();
  /** Per decision id: when it was taken, its first outcome and the outcome in force now. */
  readonly #decisions = new Map<string, { at: number; first: Outcome; now: Outcome }>();
  readonly #appeals = new Map<string, { at: number; dueAt: number }>();
  readonly #pendingReviews = new PendingReviewProceedings();

  /** The contribution of the next entry in log order; null for entries no figure counts. */
  add(e: LogEntry): EntryContribution | null {
    const at = Date.parse(e.at);
    const reportId = e.reportId ?? '';
    const c: EntryContribution = {
      at,
      counts: [],
      reportToDecisionMs: null,
      appealToOutcomeMs: null,
      revisions: [],
    };
    switch (e.type) {
      case 'report_received': {
        this.#report(reportId).receivedAt = at;
        c.counts.push('reports.received');
        if (e.category) c.counts.push(`reports.byCategory.${e.category}`);
        c.counts.push(`reports.byDetection.${e.automatedDetection ? 'classifier' : 'person'}`);
        return c;
      }
      case 'decision_made': {
        const report = this.#report(reportId);
        if (e.action) report.action = e.action;
        report.decider = e.actor;
        decisionCounts(c.counts, e);
        this.#firstOutcome(e, reportId, at, c.counts);
        if (report.receivedAt !== undefined) c.reportToDecisionMs = at - report.receivedAt;
        return c;
      }
      case 'appeal_filed': {
        const details = AppealFiledDetails.safeParse(e.details);
        if (details.success)
          this.#appeals.set(details.data.appealId, { at, dueAt: Date.parse(details.data.dueAt) });
        c.counts.push('appeals.received');
        if (details.success) c.counts.push(`appeals.byAppellant.${details.data.appellant}`);
        c.counts.push(...orderCounts(e));
        return c;
      }
      case 'appeal_decided': {
        const details = AppealDecidedDetails.safeParse(e.details);
        // A complaint on a removal order has no report: its previous action is in its details.
        const report = e.reportId === null ? undefined : this.#reports.get(reportId);
        const previousAction =
          report?.action ?? (details.success ? details.data.previousAction : undefined);
        if (e.action && e.reportId !== null) this.#report(reportId).action = e.action;
        c.counts.push('appeals.decided');
        c.counts.push(...orderCounts(e));
        if (e.actor !== null && e.actor === report?.decider)
          c.counts.push('appeals.decidedByOriginalDecider');
        if (!details.success) return c;
        const revision = this.#reviseOutcome(e, details.data, report?.decisionId);
        if (revision) c.revisions.push(revision);
        c.counts.push(`appeals.outcomes.${details.data.outcome}`);
        if (previousAction && isReinstatement(details.data.outcome, previousAction))
          c.counts.push('reinstatements');
        const filed = this.#appeals.get(details.data.appealId);
        if (filed) {
          c.appealToOutcomeMs = at - filed.at;
          if (at > filed.dueAt) c.counts.push('appeals.decidedLate');
        }
        return c;
      }
      case 'content_purged':
        // Report content only: a complaint's grounds on a removal order (no report) are not content.
        if (e.reportId !== null) c.counts.push('contentPurged');
        return c;
      case 'order_received':
      case 'order_decided':
      case 'content_preserved':
        c.counts.push(...orderCounts(e));
        return c;
      case 'order_review_filed':
      case 'order_review_decided': {
        c.counts.push(...orderCounts(e));
        // An outcome ends the pending count of its filing, which may lie in an earlier period.
        const filedAt = this.#pendingReviews.add(e);
        if (filedAt !== null)
          c.revisions.push({ at: filedAt, remove: ['orders.reviewProceedings.pending'], add: [] });
        return c;
      }
      default:
        return null;
    }
  }

  /** Records a decision's first outcome and counts it among the outcomes after appeal. */
  #firstOutcome(e: LogEntry, reportId: string, at: number, counts: string[]): void {
    if (!e.action) return;
    const details = DecisionMadeDetails.safeParse(e.details);
    const decisionId = details.success ? details.data.decisionId : `report:${reportId}`;
    const first = { action: e.action, territories: territorialScope(e) };
    this.#report(reportId).decisionId = decisionId;
    this.#decisions.set(decisionId, { at, first, now: first });
    counts.push(...outcomeCounts(first));
  }

  /**
   * Moves the contested decision's outcome after appeal to what the appeal decided. The decision
   * is the one the entry names, or else (entries written before `decisionId` was logged) the
   * report's latest; a complaint on a removal order names no decision of the log and moves none.
   */
  #reviseOutcome(
    e: LogEntry,
    details: AppealDecidedDetails,
    reportDecisionId: string | undefined,
  ): Revision | null {
    const decision =
      this.#decisions.get(details.decisionId ?? '') ??
      (e.reportId !== null && reportDecisionId ? this.#decisions.get(reportDecisionId) : undefined);
    if (!decision || !e.action || details.outcome === 'upheld') return null;
    const next: Outcome = { action: e.action, territories: details.territorialScope ?? null };
    const before = decision.now;
    if (sameOutcome(before, next)) return null;
    decision.now = next;
    const remove = outcomeCounts(before);
    const add = outcomeCounts(next);
    const wasChanged = !sameOutcome(decision.first, before);
    const isChanged = !sameOutcome(decision.first, next);
    if (wasChanged && !isChanged) remove.push('afterAppeal.changedOnAppeal');
    if (!wasChanged && isChanged) add.push('afterAppeal.changedOnAppeal');
    return { at: decision.at, remove, add };
  }

  #report(id: string) {
    let report = this.#reports.get(id);
    if (!report) this.#reports.set(id, (report = {}));
    return report;
  }
}

/** The territories a `decision_made` entry names, if any. */
function territorialScope(e: LogEntry): readonly string[] | null {
  const details = DecisionMadeDetails.safeParse(e.details);
  return (details.success ? details.data.territorialScope : null) ?? null;
}

function decisionCounts(counts: string[], e: LogEntry): void {
  counts.push('decisions.total');
  if (e.category) counts.push(`decisions.byCategory.${e.category}`);
  if (e.tcoType) counts.push(`decisions.byTcoType.${e.tcoType}`);
  if (e.ground) counts.push(`decisions.byGround.${e.ground}`);
  counts.push(`decisions.byDetection.${e.automatedDetection ? 'classifier' : 'person'}`);
  const details = DecisionMadeDetails.safeParse(e.details);
  const automation = details.success ? details.data.automatedDecision : undefined;
  counts.push(`decisions.byAutomation.${automation ?? 'not_stated'}`);
  if (e.exemptionApplied) counts.push('decisions.exemptionApplied');
  for (const exemption of e.exemptions ?? []) counts.push(`decisions.byExemption.${exemption}`);
  if (!e.action) return;
  counts.push(`decisions.byAction.${e.action}`);
  if (e.action === 'no_action') return;
  counts.push('decisions.actioned');
  if (REMOVAL_ACTIONS.includes(e.action)) counts.push('decisions.removedOrDisabled');
  const scope = territorialScope(e);
  for (const territory of scope && scope.length > 0 ? scope : ['worldwide'])
    counts.push(`decisions.byTerritory.${territory}`);
}

/** Adds `n` to the count at a dotted `path` of `figures` (a territory not yet listed starts at 0). */
export function addCount(figures: TransparencyFigures, path: string, n: number): void {
  const keys = path.split('.');
  let node = figures as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  node[last] = ((node[last] as number | undefined) ?? 0) + n;
}

/** A report with every count at zero. */
export function emptyFigures(): TransparencyFigures {
  const empty = { count: 0, medianMs: null, p90Ms: null };
  return {
    reports: {
      received: 0,
      byCategory: zeros(POLICY_CATEGORY_IDS),
      byDetection: { classifier: 0, person: 0 },
    },
    decisions: {
      total: 0,
      actioned: 0,
      removedOrDisabled: 0,
      byCategory: zeros(POLICY_CATEGORY_IDS),
      byTcoType: zeros(TCO_TYPE_IDS),
      byAction: zeros(ACTION_IDS),
      byTerritory: {},
      byGround: { illegal_content: 0, incompatible_content: 0 },
      byDetection: { classifier: 0, person: 0 },
      byAutomation: zeros([...AutomatedDecision.options, 'not_stated'] as const),
      exemptionApplied: 0,
      byExemption: zeros(EXEMPTION_IDS),
    },
    appeals: {
      received: 0,
      byAppellant: { content_provider: 0, reporter: 0 },
      decided: 0,
      outcomes: { upheld: 0, reversed: 0, modified: 0 },
      decidedByOriginalDecider: 0,
      decidedLate: 0,
    },
    afterAppeal: { byAction: zeros(ACTION_IDS), byTerritory: {}, changedOnAppeal: 0 },
    reinstatements: 0,
    contentPurged: 0,
    orders: emptyOrderFigures(),
    timings: { reportToDecision: { ...empty }, appealToOutcome: { ...empty } },
  };
}

/** One difference between a published figure and a recomputed one, by dotted path. */
export interface FigureMismatch {
  path: string;
  published: unknown;
  recomputed: unknown;
}

/** Compare two sets of figures leaf by leaf; an empty list means they match exactly. */
export function compareFigures(
  published: unknown,
  recomputed: unknown,
  path = '',
): FigureMismatch[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null;
  if (!isObject(published) || !isObject(recomputed))
    return Object.is(published, recomputed)
      ? []
      : [{ path: path || '(root)', published, recomputed }];
  const keys = [...new Set([...Object.keys(published), ...Object.keys(recomputed)])].sort();
  return keys.flatMap((key) =>
    compareFigures(published[key], recomputed[key], path ? `${path}.${key}` : key),
  );
}
