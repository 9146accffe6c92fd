import { createRoute, z } from '@hono/zod-openapi';
import { Order, Page, Report } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { REVIEWERS, requireRole } from '../auth/require-role';
import { ApiError } from '../errors';
import { openOrders, orderFromRow } from '../orders/order-store';
import { REPORT_COLUMNS, reportFromRow, type ReportRow } from '../reports/store';
import { BEARER, errorResponses, newRouter } from './router';

const QueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

/** Position in the queue order: priority (0 = threat to life), received at, case sequence. */
type QueueKey = [priority: number, receivedAt: string, seq: string];

const CursorKey = z.tuple([
  z.number().int().min(0).max(1),
  z.iso.datetime(),
  z.string().regex(/^\d{1,18}$/),
]);

/** Encodes the position after which the next page starts. */
export function encodeCursor(key: QueueKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor; 400 naming `cursor` when it is not one of ours. */
export function decodeCursor(cursor: string): QueueKey {
  try {
    return CursorKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError('validation_failed', 'invalid cursor', [
      { path: 'cursor', message: 'not a cursor returned by this endpoint' },
    ]);
  }
}

/** A page of reports; the first page (no cursor) also carries the open removal orders. */
const QueuePage = Page(Report).extend({ orders: z.array(Order) });

const getQueue = createRoute({
  method: 'get',
  path: '/v1/queue',
  summary: 'Reports awaiting a decision',
  description:
    'Threats to life first, then oldest first. Pass `nextCursor` as `cursor` for the next page. The first page also lists the open removal orders (`orders`, nearest deadline first): they come ahead of everything.',
  tags: ['reports'],
  security: BEARER,
  request: { query: QueueQuery },
  responses: {
    200: {
      description: 'One page of the queue',
      content: { 'application/json': { schema: QueuePage } },
    },
    ...errorResponses(400, 401, 403),
  },
});

/** `GET /v1/queue`, for reviewers. */
export function queueRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/queue', requireRole(deps, REVIEWERS));
  router.openapi(getQueue, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after: QueueKey = cursor ? decodeCursor(cursor) : [-1, '1970-01-01T00:00:00.000Z', '0'];
    const rows = await deps.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM reports
       WHERE status = 'awaiting_decision'
         AND (priority, received_at, case_seq) > ($1::smallint, $2::timestamptz, $3::bigint)
       ORDER BY priority, received_at, case_seq
       LIMIT $4`,
      [after[0], after[1], after[2], limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor([last.priority, last.received_at, last.case_seq])
        : null;
    const orders = cursor ? [] : await openOrders(deps.db, 100);
    const now = new Date();
    return c.json(
      {
        orders: orders.map((row) => orderFromRow(row, now)),
        items: page.map(reportFromRow),
        nextCursor,
      },
      200,
    );
  });
  return router;
}
