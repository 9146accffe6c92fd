import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { isoSql } from '../db/db';
import { BEARER, errorResponses, newRouter } from '../routes/router';

const DeliveryState = z.enum(['pending', 'sending', 'delivered', 'refused']);

/** Answer of `GET /v1/statements/delivery`. */
export const DeliveryReport = z.strictObject({
  counts: z.strictObject({
    /** Waiting to be sent, including statements the sender has not picked up yet. */
    pending: z.number().int(),
    /** Sent, the database's answer not known yet (it will be asked before any resend). */
    sending: z.number().int(),
    delivered: z.number().int(),
    refused: z.number().int(),
  }),
  items: z.array(
    z.strictObject({
      puid: z.string(),
      decisionId: z.string().nullable(),
      /** For the statement of a restriction decided on appeal: the appeal. */
      appealId: z.string().nullable(),
      state: DeliveryState,
      attempts: z.number().int(),
      enqueuedAt: z.string(),
      deliveredAt: z.string().nullable(),
      /** The database's id of the statement. */
      tdbUuid: z.string().nullable(),
      /** The database's reason for refusing it, or the v2 rule it broke before sending. */
      refusedReason: z.string().nullable(),
      /**
       * An appeal changed the decision after this statement was enqueued: the database keeps it
       * as taken (it has no update). `newPuid` is the statement of the new restriction, null
       * for a reversal to no restriction (nothing to send).
       */
      amendedAfterDelivery: z
        .strictObject({
          appealId: z.string(),
          outcome: z.enum(['reversed', 'modified']),
          amendedAt: z.string(),
          newPuid: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});

const getDelivery = createRoute({
  method: 'get',
  path: '/v1/statements/delivery',
  summary: 'Delivery of statements of reasons to the DSA Transparency Database',
  description:
    'Counts per state and the latest deliveries (filter with `state`). A statement an appeal changed keeps its delivery as taken, noted in `amendedAfterDelivery`; a new restriction decided on appeal is a statement of its own, puid `<original puid>-appeal-<appeal id>`. Off unless COUNTERWEIGHT_TDB_URL and COUNTERWEIGHT_TDB_TOKEN are set: then every statement stays pending.',
  tags: ['decisions'],
  security: BEARER,
  request: {
    query: z.object({
      state: DeliveryState.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: 'Delivery state',
      content: { 'application/json': { schema: DeliveryReport } },
    },
    ...errorResponses(400, 401, 403),
  },
});

/** `GET /v1/statements/delivery` (admin, auditor). */
export function deliveryRoutes(deps: AppDeps) {
  const router = newRouter();
  router.openapi(
    { ...getDelivery, middleware: [requireRole(deps, ['admin', 'auditor'])] },
    async (c) => {
      const { state, limit } = c.req.valid('query');
      const [counts] = await deps.db.query<Record<string, number>>(
        `SELECT
           count(*) FILTER (WHERE state = 'pending')::int
             + (SELECT count(*)::int FROM statements s
                WHERE NOT EXISTS (SELECT 1 FROM tdb_deliveries d WHERE d.decision_id = s.decision_id)) AS pending,
           count(*) FILTER (WHERE state = 'sending')::int AS sending,
           count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
           count(*) FILTER (WHERE state = 'refused')::int AS refused
         FROM tdb_deliveries`,
      );
      const items = await deps.db.query<z.infer<typeof DeliveryReport>['items'][number]>(
        `SELECT puid, decision_id::text AS "decisionId", appeal_id::text AS "appealId", state, attempts,
           ${isoSql('enqueued_at')} AS "enqueuedAt", ${isoSql('delivered_at')} AS "deliveredAt",
           tdb_uuid AS "tdbUuid", refused_reason AS "refusedReason",
           amended_by_appeal AS "amendedAfterDelivery"
         FROM tdb_deliveries WHERE ($1::text IS NULL OR state = $1)
         ORDER BY enqueued_at DESC, puid LIMIT $2`,
        [state ?? null, limit],
      );
      return c.json(DeliveryReport.parse({ counts, items }), 200);
    },
  );
  return router;
}
