import { createRoute, z } from '@hono/zod-openapi';
import {
  DetectionSource,
  LanguageCode,
  Order,
  Page,
  PolicyCategory,
  Report,
  TcoType,
  Timestamp,
} from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { REVIEWERS, requireRole } from '../auth/require-role';
import { isoSql } from '../db/db';
import { ApiError } from '../errors';
import { openOrders, orderFromRow } from '../orders/order-store';
import { REPORT_COLUMNS, reportFromRow, type ReportRow } from '../reports/store';
import { BEARER, errorResponses, newRouter } from './router';

/** Filters of the queue; each narrows it, all combine. */
const QueueFilters = z.object({
  category: PolicyCategory.optional(),
  tcoType: TcoType.optional(),
  language: LanguageCode.optional(),
  site: z.string().min(1).max(253).optional(),
  detectedBy: DetectionSource.optional(),
  /** Only reports waiting at least this many hours. */
  minAgeHours: z.coerce.number().int().min(0).max(100_000).optional(),
});
type QueueFilters = z.infer<typeof QueueFilters>;

const QueueQuery = QueueFilters.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

/** Answer of `GET /v1/queue/summary`. */
export const QueueSummary = z.strictObject({
  /** Reports awaiting a decision, claimed or not. */
  waiting: z.number().int(),
  /** Of those, claimed by a reviewer now. */
  claimed: z.number().int(),
  threatsToLife: z.number().int(),
  /** When the oldest waiting report arrived; null when none waits. */
  oldestReceivedAt: Timestamp.nullable(),
});

/**
 * The SQL conditions of the filters and of the claims: a report claimed by another reviewer
 * (lease unexpired) is not offered. Parameters are numbered from `first`.
 */
function queueConditions(
  filters: QueueFilters,
  reviewerTokenId: string,
  now: string,
  first: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [reviewerTokenId, now];
  const conditions = [
    `NOT EXISTS (SELECT 1 FROM report_claims c WHERE c.report_id = reports.id
       AND c.claimed_by <> $${first}::uuid AND c.expires_at > $${first + 1}::timestamptz)`,
  ];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${first + params.length - 1}`));
  };
  if (filters.category) add((p) => `assessment->>'category' = ${p}`, filters.category);
  if (filters.tcoType) add((p) => `assessment->>'tcoType' = ${p}`, filters.tcoType);
  if (filters.language) add((p) => `content->>'language' = ${p}`, filters.language);
  if (filters.site) add((p) => `content->>'site' = ${p}`, filters.site);
  if (filters.detectedBy) add((p) => `detected_by = ${p}`, filters.detectedBy);
  if (filters.minAgeHours !== undefined)
    add(
      (p) => `received_at <= ${p}::timestamptz`,
      new Date(Date.parse(now) - filters.minAgeHours * 3_600_000).toISOString(),
    );
  return { sql: conditions.join(' AND '), params };
}

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
    'Threats to life first, then oldest first; reports claimed by another reviewer are not offered. Filters by category, TCO type, language, site, detection source and minimum age combine. Pass `nextCursor` as `cursor` (with the same filters) for the next page. The first page also lists the open removal orders (`orders`, nearest deadline first): they come ahead of everything.',
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

const getSummary = createRoute({
  method: 'get',
  path: '/v1/queue/summary',
  summary: 'How many reports wait, and since when',
  tags: ['reports'],
  security: BEARER,
  responses: {
    200: {
      description: 'The queue in figures',
      content: { 'application/json': { schema: QueueSummary } },
    },
    ...errorResponses(401, 403),
  },
});

/** `GET /v1/queue` and `GET /v1/queue/summary`, for reviewers. */
export function queueRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/queue', requireRole(deps, REVIEWERS));
  router.use('/v1/queue/summary', requireRole(deps, REVIEWERS));
  router.openapi(getSummary, async (c) => {
    const now = new Date().toISOString();
    const [row] = await deps.db.query<{
      waiting: number;
      claimed: number;
      threats: number;
      oldest: string | null;
    }>(
      `SELECT count(*)::int AS waiting,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM report_claims c
           WHERE c.report_id = reports.id AND c.expires_at > $1::timestamptz))::int AS claimed,
         count(*) FILTER (WHERE priority = 0)::int AS threats,
         ${isoSql('min(received_at)')} AS oldest
       FROM reports WHERE status = 'awaiting_decision'`,
      [now],
    );
    return c.json(
      {
        waiting: row?.waiting ?? 0,
        claimed: row?.claimed ?? 0,
        threatsToLife: row?.threats ?? 0,
        oldestReceivedAt: row?.oldest ?? null,
      },
      200,
    );
  });
  router.openapi(getQueue, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid('query');
    const after: QueueKey = cursor ? decodeCursor(cursor) : [-1, '1970-01-01T00:00:00.000Z', '0'];
    const where = queueConditions(filters, c.get('principal').tokenId, new Date().toISOString(), 5);
    const rows = await deps.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM reports
       WHERE status = 'awaiting_decision'
         AND (priority, received_at, case_seq) > ($1::smallint, $2::timestamptz, $3::bigint)
         AND ${where.sql}
       ORDER BY priority, received_at, case_seq
       LIMIT $4`,
      [after[0], after[1], after[2], limit + 1, ...where.params],
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
