import { z } from 'zod';
import type { LogEntry } from './log-entry';
import { ANNEX_III_REASONS } from './order';

/**
 * TCO Art. 7(2)(c): removal orders received per Member State, and how each was answered: executed
 * within the hour, executed late, or not executed with its Annex III reason; TCO Art. 7(3)(d):
 * the content providers' complaints (Art. 10) and their outcomes, and the content reinstated.
 * Computed from the `order_received`, `order_decided` and (with `details.orderId`) `appeal_filed`
 * and `appeal_decided` log entries alone.
 */
const count = z.number().int().nonnegative();

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
  /** Content reinstated after a complaint was reversed (Art. 10(2)). */
  reinstatements: count,
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
    reinstatements: 0,
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
    return [`orders.complaints.${d.outcome}`, ...(reinstated ? ['orders.reinstatements'] : [])];
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
