import { createRoute, z } from '@hono/zod-openapi';
import {
  Id,
  Order,
  OrderDecisionSubmission,
  OrderList,
  OrderStatus,
  OrderSubmission,
} from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from '../routes/router';
import { annexRoutes } from './annex-routes';
import { noticeRoutes } from './notice-routes';
import { ORDER_DECISION_EXAMPLE, ORDER_EXAMPLE } from './order-examples';
import { reviewRoutes } from './review-routes';
import { decideOrder, deadlineMissed, listOrders, orderFromRow, receiveOrder } from './order-store';

/** Who may receive orders (the Art. 15 point of contact) and who may read them. */
export const RECEIVERS = ['admin', 'authority_liaison'] as const;
export const ORDER_READERS = ['admin', 'authority_liaison', 'reviewer', 'senior_reviewer'] as const;

const OrderParams = z.object({ id: Id });

const receive = createRoute({
  method: 'post',
  path: '/v1/orders',
  summary: 'Receive a removal order (TCO Art. 3)',
  description:
    'The fields of Annex I as the authority gave them. The time of receipt is the server’s; the deadline is one hour later. The order heads the review queue until decided.',
  tags: ['orders'],
  security: BEARER,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: OrderSubmission, example: ORDER_EXAMPLE } },
    },
  },
  responses: {
    201: { description: 'Order received', content: { 'application/json': { schema: Order } } },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/orders',
  summary: 'Removal orders',
  description:
    'Open orders first, nearest deadline first, then decided ones newest first. `deadlineMissed` counts executions after the hour and open orders past it. `reinstatedAt` and `reinstatedBy` (`complaint` or `review_proceedings`) show content reinstated after a complaint (Art. 10) or review proceedings (Art. 9).',
  tags: ['orders'],
  security: BEARER,
  request: {
    query: z.object({
      status: OrderStatus.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: { description: 'The orders', content: { 'application/json': { schema: OrderList } } },
    ...errorResponses(400, 401, 403),
  },
});

const decide = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/decision',
  summary: 'Record what was done on a removal order',
  description:
    'Removed or disabled, with the time it took effect (in time iff not after the deadline), or an Annex III reason. A reviewer other than the person who received the order decides.',
  tags: ['orders'],
  security: BEARER,
  request: {
    params: OrderParams,
    body: {
      required: true,
      content: {
        'application/json': { schema: OrderDecisionSubmission, example: ORDER_DECISION_EXAMPLE },
      },
    },
  },
  responses: {
    200: { description: 'The decided order', content: { 'application/json': { schema: Order } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

/**
 * Removal orders: received by the liaison, decided by a reviewer, answered with Annex II or III.
 * `now` is the clock of receipt and deadlines (injectable for tests).
 */
export function orderRoutes(deps: AppDeps, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  const orderDeps = { ...deps, now };
  const router = newRouter();
  router.openapi(
    { ...receive, middleware: [requireRole(deps, RECEIVERS), requireJsonBody()] },
    async (c) => {
      const row = await receiveOrder(orderDeps, c.get('principal'), c.req.valid('json'));
      c.header('Location', `/v1/orders/${row.id}`);
      return c.json(orderFromRow(row, now()), 201);
    },
  );
  router.openapi({ ...list, middleware: [requireRole(deps, ORDER_READERS)] }, async (c) => {
    const { status, limit } = c.req.valid('query');
    const at = now();
    const rows = await listOrders(deps.db, status, limit);
    return c.json(
      {
        orders: rows.map((row) => orderFromRow(row, at)),
        deadlinesMissed: rows.filter((row) => deadlineMissed(row, at)).length,
      },
      200,
    );
  });
  router.openapi(
    {
      ...decide,
      middleware: [requireRole(deps, ['reviewer', 'senior_reviewer']), requireJsonBody()],
    },
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await decideOrder(orderDeps, c.get('principal'), id, c.req.valid('json'));
      return c.json(orderFromRow(row, now()), 200);
    },
  );
  router.route('/', annexRoutes(deps));
  router.route('/', noticeRoutes(deps, now));
  router.route('/', reviewRoutes(deps, now));
  return router;
}
