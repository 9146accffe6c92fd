import { z } from 'zod';
import type { LogEntry } from './log-entry';
import { ANNEX_III_REASONS } from './order';
import { REVIEW_BROUGHT_BY, REVIEW_OUTCOMES } from './order-review';

/**
 * TCO Art. 7(2)(c): removal orders received per Member State, and how each was answered: executed
 * within the hour, executed late, or not executed with its Annex III reason; TCO Art. 7(3)(d):
 * the content providers' complaints (Art. 10) and their outcomes, the review proceedings
 * (Art. 9) and their outcomes, and the content reinstated after each. Computed from the
 * `order_received`, `order_decided`, `order_review_filed`, `order_review_decided` and (with
 * `details.orderId`) `appeal_filed` and `appeal_decided` log entries alone.
 */
const count = z.number().int().nonnegative();
const countsOf = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.strictObject(
    Object.fromEntries(ids.map((id) => [id, count])) as { [K in T[number]]: typeof count },
  );
const zeros = <T extends string>(ids: readonly T[]) =>
  Object.fromEntries(ids.map((id) => [id, 0])) as Record<T, number>;

export const OrderFigures = z.strictObject({
  received: count,
  /** Orders received per issuing Member State (ISO 3166-1 alpha-2). */
  byMemberState: z.record(z.string(), count),
  executedWithinHour: count,
  executedLate: count,
  notExecuted: count,
  /** Art. 6: items whose removed content was put under a preservation hold (orders and decisions). */
  preservedItems: count,
  /** Art. 10 complaints of content providers on executed orders, and how they were decided. */
  complaints: z.strictObject({ received: count, upheld: count, reversed: count }),
  /**
   * Art. 7(3)(e): Art. 9 review proceedings filed in the period, by who brought them, and the
   * outcomes decided in it.
   */
  reviewProceedings: z.strictObject({
    filed: count,
    byBroughtBy: countsOf(REVIEW_BROUGHT_BY),
    decided: countsOf(REVIEW_OUTCOMES),
    /** Proceedings filed in the period with no outcome logged by the report's checkpoint. */
    pending: count,
  }),
  /** All content reinstated: after a complaint was reversed, or after review proceedings. */
  reinstatements: count,
  /** Art. 7(3)(g): reinstated after a complaint was reversed (Art. 10(2)). */
  reinstatementsAfterComplaints: count,
  /** Art. 7(3)(f): reinstated after review proceedings annulled or amended the order (Art. 9). */
  reinstatementsAfterReviewProceedings: count,
  notExecutedByReason: z.strictObject(
    Object.fromEntries(ANNEX_III_REASONS.map((id) => [id, count])) as {
      [K in (typeof ANNEX_III_REASONS)[number]]: typeof count;
    },
  ),
});
export type OrderFigures = z.infer<typeof OrderFigures>;

/** The order figures with every count at zero. */
export function emptyOrderFigures(): OrderFigures {
  return {
    received: 0,
    byMemberState: {},
    executedWithinHour: 0,
    executedLate: 0,
    notExecuted: 0,
    preservedItems: 0,
    complaints: { received: 0, upheld: 0, reversed: 0 },
    reviewProceedings: {
      filed: 0,
      byBroughtBy: zeros(REVIEW_BROUGHT_BY),
      decided: zeros(REVIEW_OUTCOMES),
      pending: 0,
    },
    reinstatements: 0,
    reinstatementsAfterComplaints: 0,
    reinstatementsAfterReviewProceedings: 0,
    notExecutedByReason: Object.fromEntries(ANNEX_III_REASONS.map((id) => [id, 0])) as Record<
      (typeof ANNEX_III_REASONS)[number],
      number
    >,
  };
}

const MEMBER_STATE = /^[A-Z]{2}$/;

const isUuid = (value: unknown) => typeof value === 'string' && z.uuid().safeParse(value).success;

/** The dotted count paths (under `orders.`) an order or preservation entry adds to; empty for others. */
export function orderCounts(e: LogEntry): string[] {
  const d = e.details;
  if (e.type === 'appeal_filed') return isUuid(d.orderId) ? ['orders.complaints.received'] : [];
  if (e.type === 'appeal_decided') {
    if (!isUuid(d.orderId) || (d.outcome !== 'upheld' && d.outcome !== 'reversed')) return [];
    const reinstated = d.outcome === 'reversed' && d.previousAction !== 'no_action';
    return [
      `orders.complaints.${d.outcome}`,
      ...(reinstated ? ['orders.reinstatements', 'orders.reinstatementsAfterComplaints'] : []),
    ];
  }
  if (e.type === 'order_review_filed') return reviewFiledCounts(d);
  if (e.type === 'order_review_decided') {
    const outcome = REVIEW_OUTCOMES.find((id) => id === d.outcome);
    if (!isUuid(d.orderId) || !outcome) return [];
    const reinstated = d.reinstated === true && outcome !== 'order_upheld';
    return [
      `orders.reviewProceedings.decided.${outcome}`,
      ...(reinstated
        ? ['orders.reinstatements', 'orders.reinstatementsAfterReviewProceedings']
        : []),
    ];
  }
  if (e.type === 'order_received') {
    const state = typeof d.memberState === 'string' && MEMBER_STATE.test(d.memberState);
    return ['orders.received', ...(state ? [`orders.byMemberState.${d.memberState}`] : [])];
  }
  if (e.type === 'content_preserved') return ['orders.preservedItems'];
  if (e.type !== 'order_decided') return [];
  if (d.outcome === 'removed' || d.outcome === 'disabled')
    return [d.inTime === true ? 'orders.executedWithinHour' : 'orders.executedLate'];
  const reason = ANNEX_III_REASONS.find((id) => id === d.annexIIIReason);
  return ['orders.notExecuted', ...(reason ? [`orders.notExecutedByReason.${reason}`] : [])];
}

function reviewFiledCounts(d: LogEntry['details']): string[] {
  if (!isUuid(d.orderId)) return [];
  const by = REVIEW_BROUGHT_BY.find((id) => id === d.broughtBy);
  return [
    'orders.reviewProceedings.filed',
    ...(by ? [`orders.reviewProceedings.byBroughtBy.${by}`] : []),
    ...(isUuid(d.proceedingId) ? ['orders.reviewProceedings.pending'] : []),
  ];
}

/**
 * Which review proceedings are pending, read in log order: a proceeding counts as pending at the
 * time it was filed until its outcome is logged, which takes it out again at that time (a
 * revision of the filing's period, as an appeal revises the outcome of an earlier decision).
 */
export class PendingReviewProceedings {
  /** Filing time (ms) of each proceeding filed and not yet decided. */
  readonly #filedAt = new Map<string, number>();

  /**
   * Reads the next entry; for the outcome of a pending proceeding, returns the time of its
   * filing, whose `orders.reviewProceedings.pending` count it ends. Null for any other entry.
   */
  add(e: LogEntry): number | null {
    const d = e.details;
    if (e.type === 'order_review_filed' && isUuid(d.orderId) && isUuid(d.proceedingId))
      this.#filedAt.set(d.proceedingId as string, Date.parse(e.at));
    if (e.type !== 'order_review_decided' || orderCounts(e).length === 0) return null;
    const id = typeof d.proceedingId === 'string' ? d.proceedingId : '';
    const filedAt = this.#filedAt.get(id);
    if (filedAt === undefined) return null;
    this.#filedAt.delete(id);
    return filedAt;
  }
}
