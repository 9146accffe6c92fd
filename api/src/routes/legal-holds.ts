import { createRoute, z } from '@hono/zod-openapi';
import { Id, LegalHold, LegalHoldRequest } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { isoSql } from '../db/db';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from './router';

const Params = z.object({ id: Id });

/** A valid request body, shown in the OpenAPI document. */
export const LEGAL_HOLD_EXAMPLE = {
  reason: 'Preservation request of the public prosecutor, file 4 Js 123/26.',
} satisfies LegalHoldRequest;

const setHold = createRoute({
  method: 'put',
  path: '/v1/reports/{id}/legal-hold',
  summary: 'Set a legal hold on a report (admin)',
  description:
    'While a legal hold is set, the report content is kept past the six-month retention period. Setting it again replaces the reason.',
  tags: ['retention'],
  security: BEARER,
  request: {
    params: Params,
    body: {
      required: true,
      content: { 'application/json': { schema: LegalHoldRequest, example: LEGAL_HOLD_EXAMPLE } },
    },
  },
  responses: {
    200: { description: 'The hold', content: { 'application/json': { schema: LegalHold } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const releaseHold = createRoute({
  method: 'delete',
  path: '/v1/reports/{id}/legal-hold',
  summary: 'Release a legal hold (admin)',
  description:
    'The content then follows the retention rule again and is purged at the next run if due.',
  tags: ['retention'],
  security: BEARER,
  request: { params: Params },
  responses: { 204: { description: 'Released' }, ...errorResponses(400, 401, 403, 404) },
});

/** Legal holds that stop the retention purge; admins only. */
export function legalHoldRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/reports/:id/legal-hold', requireRole(deps, ['admin']), requireJsonBody());
  router.openapi(setHold, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const [report] = await deps.db.query<{ purged: boolean }>(
      'SELECT content IS NULL AS purged FROM reports WHERE id = $1',
      [id],
    );
    if (!report) throw new ApiError('not_found', `no report ${id}`);
    if (report.purged)
      throw new ApiError('conflict', 'the content of this report has already been purged');
    const [hold] = await deps.db.query<{ report_id: string; reason: string; set_at: string }>(
      `INSERT INTO legal_holds (report_id, set_by, set_at, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (report_id) DO UPDATE SET set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at, reason = EXCLUDED.reason
       RETURNING report_id::text AS report_id, reason, ${isoSql('set_at')} AS set_at`,
      [id, c.get('principal').tokenId, new Date().toISOString(), reason],
    );
    return c.json(
      LegalHold.parse({ reportId: hold!.report_id, reason: hold!.reason, setAt: hold!.set_at }),
      200,
    );
  });
  router.openapi(releaseHold, async (c) => {
    const { id } = c.req.valid('param');
    const released = await deps.db.query(
      'DELETE FROM legal_holds WHERE report_id = $1 RETURNING report_id',
      [id],
    );
    if (released.length === 0) throw new ApiError('not_found', `no legal hold on report ${id}`);
    return c.body(null, 204);
  });
  return router;
}
