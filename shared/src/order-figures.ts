import { z } from 'zod';
import type { LogEntry } from './log-entry';
import { ANNEX_III_REASONS } from './order';

/**
 * TCO Art. 7(2)(c): removal orders received per Member State, and how each was answered: executed
 * within the hour, executed late, or not executed with its Annex III reason. Computed from the
 * `order_received` and `order_decided` log entries alone.
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
    notExecutedByReason: Object.fromEntries(ANNEX_III_REASONS.map((id) => [id, 0])) as Record<
      (typeof ANNEX_III_REASONS)[number],
      number
    >,
  };
}

const MEMBER_STATE = /^[A-Z]{2}$/;

/** The dotted count paths (under `orders.`) an order or preservation entry adds to; empty for others. */
export function orderCounts(e: LogEntry): string[] {
  const d = e.details;
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
