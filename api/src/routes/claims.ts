import { createRoute } from '@hono/zod-openapi';
import { ClaimLease } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { REVIEWERS, requireRole } from '../auth/require-role';
import { claimReport, releaseClaim } from '../claims/claims';
import { ReportParams } from './reports';
import { BEARER, errorResponses, newRouter } from './router';

const claim = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/claim',
  summary: 'Claim a report to decide it',
  description:
    'Takes (or renews) a 15-minute lease on a report awaiting decision, so that no other reviewer is offered it. Claim again while the case is open to renew the lease. 409 when another reviewer holds an unexpired claim or the report is no longer awaiting a decision; 403 `four_eyes` for its submitter. Deciding needs the claim (409 `claim_required` otherwise) and ends it. No body.',
  tags: ['reports'],
  security: BEARER,
  request: { params: ReportParams },
  responses: {
    200: {
      description: 'The claim and when its lease expires',
      content: { 'application/json': { schema: ClaimLease } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const release = createRoute({
  method: 'delete',
  path: '/v1/reports/{id}/claim',
  summary: 'Release a claim',
  description: 'Gives the case back to the queue. 404 when the caller holds no claim on it.',
  tags: ['reports'],
  security: BEARER,
  request: { params: ReportParams },
  responses: {
    204: { description: 'Released' },
    ...errorResponses(400, 401, 403, 404),
  },
});

/** `POST` and `DELETE /v1/reports/{id}/claim`, for reviewers. */
export function claimRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/reports/:id/claim', requireRole(deps, REVIEWERS));
  router.openapi(claim, async (c) =>
    c.json(await claimReport(deps, c.get('principal'), c.req.valid('param').id), 200),
  );
  router.openapi(release, async (c) => {
    await releaseClaim(deps, c.get('principal'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return router;
}
