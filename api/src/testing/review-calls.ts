import { Order, OrderList } from '@counterweight/shared';
import type { IssuedToken } from '@counterweight/shared/auth';
import { expect } from 'vitest';
import { OrderNotice } from '../orders/notice-routes';
import { ORDER_EXAMPLE, REVIEW_PROCEEDING_EXAMPLE } from '../orders/order-examples';
import type { TestClock } from './app-fixture';
import type { TestApp } from './test-app';

const MINUTE = 60_000;

/** The proceeding's reference the review tests file with, and look for in the log. */
export const REVIEW_REFERENCE = 'VG-SECRET-6-K-1234';

/**
 * For the review-proceedings tests: requests through `call()` (a clocked order app, default token
 * the liaison) on `clock`. `call` is a getter because the app is made before the tests run.
 */
export function reviewCalls(call: () => TestApp['call'], clock: TestClock) {
  const minutesAgo = (n: number) => new Date(clock.ms - n * MINUTE).toISOString();

  async function received(reference: string): Promise<Order> {
    const response = await call()('POST', '/v1/orders', {
      body: { ...ORDER_EXAMPLE, reference },
    });
    expect(response.status).toBe(201);
    return Order.parse(await response.json());
  }

  return {
    minutesAgo,
    received,
    /** An order received by the liaison and removed by `decider` ten minutes later. */
    async executed(reference: string, decider: IssuedToken): Promise<Order> {
      const order = await received(reference);
      clock.ms += 10 * MINUTE;
      const decided = await call()('POST', `/v1/orders/${order.id}/decision`, {
        token: decider,
        body: { outcome: 'removed', effectiveAt: clock.now().toISOString() },
      });
      expect(decided.status).toBe(200);
      return order;
    },
    /** The content provider complains with the notice's token; `senior` reverses it now. */
    async reversedComplaint(orderId: string, senior: IssuedToken): Promise<void> {
      const notice = OrderNotice.parse(
        await (await call()('GET', `/v1/orders/${orderId}/notice`)).json(),
      );
      const complaint = await call()('POST', '/v1/appeals', {
        token: null,
        body: {
          appellant: 'content_provider',
          token: notice.statement.x_appeal.token,
          grounds: 'The video is news reporting.',
        },
      });
      expect(complaint.status).toBe(201);
      const { appealId } = (await complaint.json()) as { appealId: string };
      const reversed = await call()('POST', `/v1/appeals/${appealId}/decision`, {
        token: senior,
        body: { outcome: 'reversed', reasons: 'Art. 1(3) applies.' },
      });
      expect(reversed.status).toBe(200);
    },
    /** Files review proceedings: the example, a minute ago, with `body`'s fields over it. */
    file: (orderId: string, body: Record<string, unknown> = {}, token?: IssuedToken) =>
      call()('POST', `/v1/orders/${orderId}/review-proceedings`, {
        token,
        body: {
          ...REVIEW_PROCEEDING_EXAMPLE,
          reference: REVIEW_REFERENCE,
          filedAt: minutesAgo(1),
          ...body,
        },
      }),
    decide: (orderId: string, pid: string, body: unknown, token?: IssuedToken) =>
      call()('POST', `/v1/orders/${orderId}/review-proceedings/${pid}/outcome`, { token, body }),
    /** An outcome body decided now. */
    outcome: (outcome: string, reinstated: boolean) => ({
      outcome,
      decidedAt: minutesAgo(0),
      reinstated,
    }),
    /** The order as `GET /v1/orders` lists it. */
    async orderById(id: string): Promise<Order> {
      const list = OrderList.parse(await (await call()('GET', '/v1/orders?limit=500')).json());
      const order = list.orders.find((o) => o.id === id);
      if (!order) throw new Error(`order ${id} is not listed`);
      return order;
    },
  };
}
