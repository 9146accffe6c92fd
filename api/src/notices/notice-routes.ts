import { createRoute, z } from '@hono/zod-openapi';
import { NoticeDeliveryState, ProviderNoticeKind } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { isoSql } from '../db/db';
import { BEARER, errorResponses, newRouter } from '../routes/router';

/** Answer of `GET /v1/notices/delivery`: no URL, token or text, ids and states only. */
export const NoticeDeliveryReport = z.strictObject({
  counts: z.strictObject({
    /** Waiting for the next try or for their release (confidential orders included). */
    pending: z.number().int(),
    /** Of the pending: orders whose notice the authority's confidentiality still withholds. */
    withheld: z.number().int(),
    /** Claimed by a sender: posted, or to be tried again when the claim lapses. */
    sending: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
  }),
  items: z.array(
    z.strictObject({
      noticeId: z.uuid(),
      kind: ProviderNoticeKind,
      decisionId: z.uuid().nullable(),
      orderId: z.uuid().nullable(),
      state: NoticeDeliveryState,
      attempts: z.number().int(),
      createdAt: z.string(),
      /** When the notice may go: the decision, or the end of the order's confidentiality. */
      releaseAt: z.string(),
      nextAttemptAt: z.string().nullable(),
      deliveredAt: z.string().nullable(),
      /** Why the last attempt failed (`HTTP 503`, `timed out`…), or why the notice was given up. */
      lastError: z.string().nullable(),
      failedReason: z.string().nullable(),
    }),
  ),
});
type Item = z.infer<typeof NoticeDeliveryReport>['items'][number];

const EXAMPLE: z.infer<typeof NoticeDeliveryReport> = {
  counts: { pending: 1, withheld: 1, sending: 0, delivered: 1, failed: 0 },
  items: [
    {
      noticeId: '5b0c9a52-6f0e-4a53-9c1e-0f9b8d2f4e11',
      kind: 'removal_order',
      decisionId: null,
      orderId: '0d7c1c1e-2b7a-4c61-8d7e-3f1f5c2a9b40',
      state: 'pending',
      attempts: 0,
      createdAt: '2026-12-07T10:30:00.000Z',
      releaseAt: '2027-01-18T10:00:00.000Z',
      nextAttemptAt: '2027-01-18T10:00:00.000Z',
      deliveredAt: null,
      lastError: null,
      failedReason: null,
    },
    {
      noticeId: 'a3e5f7b1-9c2d-4e6f-8a1b-2c3d4e5f6a7b',
      kind: 'decision',
      decisionId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      orderId: null,
      state: 'delivered',
      attempts: 2,
      createdAt: '2026-12-07T09:12:00.000Z',
      releaseAt: '2026-12-07T09:12:00.000Z',
      nextAttemptAt: null,
      deliveredAt: '2026-12-07T09:12:10.000Z',
      lastError: null,
      failedReason: null,
    },
  ],
};

const getDelivery = createRoute({
  method: 'get',
  path: '/v1/notices/delivery',
  summary: 'Delivery of the content providers’ notices',
  description:
    'Counts per state and the latest notices (filter with `state`): each decision that restricted content and each executed removal order, posted to COUNTERWEIGHT_PROVIDER_NOTICE_URL. Only notices recorded while that is set appear. Ids, states and reasons only: never the URL, the token or any text.',
  tags: ['decisions'],
  security: BEARER,
  request: {
    query: z.object({
      state: NoticeDeliveryState.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: 'Delivery state',
      content: { 'application/json': { schema: NoticeDeliveryReport, example: EXAMPLE } },
    },
    ...errorResponses(400, 401, 403),
  },
});

/** `GET /v1/notices/delivery` (admin, auditor); `now` tells withheld notices from due ones. */
export function noticeDeliveryRoutes(deps: AppDeps, now: () => Date = () => new Date()) {
  const router = newRouter();
  router.openapi(
    { ...getDelivery, middleware: [requireRole(deps, ['admin', 'auditor'])] },
    async (c) => {
      const { state, limit } = c.req.valid('query');
      const [counts] = await deps.db.query<Record<string, number>>(
        `SELECT
           count(*) FILTER (WHERE state = 'pending')::int AS pending,
           count(*) FILTER (WHERE state = 'pending' AND release_at > $1)::int AS withheld,
           count(*) FILTER (WHERE state = 'sending')::int AS sending,
           count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
           count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM provider_notices`,
        [now().toISOString()],
      );
      const items = await deps.db.query<Item>(
        `SELECT id::text AS "noticeId", kind, decision_id::text AS "decisionId",
           order_id::text AS "orderId", state, attempts,
           ${isoSql('created_at')} AS "createdAt", ${isoSql('release_at')} AS "releaseAt",
           CASE WHEN state IN ('pending', 'sending') THEN ${isoSql('next_attempt_at')} END AS "nextAttemptAt",
           ${isoSql('delivered_at')} AS "deliveredAt",
           last_error AS "lastError", failed_reason AS "failedReason"
         FROM provider_notices WHERE ($1::text IS NULL OR state = $1)
         ORDER BY created_at DESC, id LIMIT $2`,
        [state ?? null, limit],
      );
      return c.json(NoticeDeliveryReport.parse({ counts, items }), 200);
    },
  );
  return router;
}
