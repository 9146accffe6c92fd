import { createRoute, z } from '@hono/zod-openapi';
import { Id, StatementOfReasons } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { isoSql } from '../db/db';
import { ApiError } from '../errors';
import { BEARER, errorResponses, newRouter } from '../routes/router';
import { findOrder } from './order-store';

const Params = z.object({ id: Id });
const READERS = ['admin', 'authority_liaison', 'reviewer', 'senior_reviewer'] as const;

/** What the content provider is told (TCO Art. 11): the statement, the authority's reasons, redress. */
export const OrderNotice = z.strictObject({
  orderId: Id,
  statement: StatementOfReasons,
  authorityReasons: z.string(),
  redress: z.string(),
});

const getStatement = createRoute({
  method: 'get',
  path: '/v1/orders/{id}/statement',
  summary: 'Statement of reasons of an executed removal order',
  description:
    'Illegal content, terrorist content under Regulation (EU) 2021/784, naming the authority and the order’s reference. 404 until the order is executed.',
  tags: ['orders'],
  security: BEARER,
  request: { params: Params },
  responses: {
    200: {
      description: 'The statement',
      content: { 'application/json': { schema: StatementOfReasons } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const getNotice = createRoute({
  method: 'get',
  path: '/v1/orders/{id}/notice',
  summary: 'The content provider’s notice of an executed order (TCO Art. 11)',
  description:
    'Withheld (409) while the authority’s confidentiality runs (`confidentialUntil`), released by itself when it ends. With COUNTERWEIGHT_PROVIDER_NOTICE_URL set, the notice is also posted to the platform’s endpoint for the content provider once released (`GET /v1/notices/delivery`).',
  tags: ['orders'],
  security: BEARER,
  request: { params: Params },
  responses: {
    200: { description: 'The notice', content: { 'application/json': { schema: OrderNotice } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

type StatementRow = { body: unknown; notice_from: string; appeal_token: string | null };

function withAppealToken(body: unknown, token: string | null): unknown {
  const statement = StatementOfReasons.parse(body);
  return { ...statement, x_appeal: { ...statement.x_appeal, token } };
}

/** An executed order's statement and the provider's notice; `now` decides whether it is released. */
export function noticeRoutes(deps: AppDeps, now: () => Date) {
  const router = newRouter();
  const readers = requireRole(deps, READERS);
  const statementOf = async (id: string) => {
    const [row] = await deps.db.query<StatementRow>(
      `SELECT body, ${isoSql('notice_from')} AS notice_from, appeal_token FROM order_statements WHERE order_id = $1`,
      [id],
    );
    if (!row) throw new ApiError('not_found', `no statement for order ${id}: not executed`);
    return row;
  };
  router.openapi({ ...getStatement, middleware: [readers] }, async (c) => {
    const row = await statementOf(c.req.valid('param').id);
    return c.json(StatementOfReasons.parse(row.body), 200);
  });
  router.openapi({ ...getNotice, middleware: [readers] }, async (c) => {
    const { id } = c.req.valid('param');
    const row = await statementOf(id);
    if (Date.parse(row.notice_from) > now().getTime())
      throw new ApiError(
        'conflict',
        `the notice is withheld under the authority's confidentiality until ${row.notice_from} (Regulation (EU) 2021/784 Art. 11(3))`,
      );
    const order = await findOrder(deps.db, id);
    return c.json(
      OrderNotice.parse({
        orderId: id,
        // The appeal token goes to the content provider only, in the notice (TCO Art. 10).
        statement: withAppealToken(row.body, row.appeal_token),
        authorityReasons: order.reasons,
        redress: order.redress,
      }),
      200,
    );
  });
  return router;
}
