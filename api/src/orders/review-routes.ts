import { createRoute, z } from '@hono/zod-openapi';
import {
  Id,
  ReviewOutcomeSubmission,
  ReviewProceeding,
  ReviewProceedingList,
  ReviewProceedingSubmission,
} from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from '../routes/router';
import { REVIEW_OUTCOME_EXAMPLE, REVIEW_PROCEEDING_EXAMPLE } from './order-examples';
import {
  decideReviewProceeding,
  fileReviewProceeding,
  listReviewProceedings,
} from './review-proceedings';

/** Who records review proceedings (the Art. 15 point of contact, or an admin) and who reads them. */
const RECORDERS = ['admin', 'authority_liaison'] as const;
const READERS = ['admin', 'authority_liaison', 'reviewer', 'senior_reviewer'] as const;

const OrderParams = z.object({ id: Id });
const ProceedingParams = z.object({ id: Id, pid: Id });

const file = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/review-proceedings',
  summary: 'Record review proceedings against a removal order (TCO Art. 9)',
  description:
    'Brought by the hosting service or the content provider before a court of the issuing Member State, or an authority’s scrutiny. `filedAt` is not in the future nor before the order was issued. Logged as `order_review_filed` without the reference.',
  tags: ['orders'],
  security: BEARER,
  request: {
    params: OrderParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: ReviewProceedingSubmission,
          example: REVIEW_PROCEEDING_EXAMPLE,
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The proceedings, pending',
      content: { 'application/json': { schema: ReviewProceeding } },
    },
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const decide = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/review-proceedings/{pid}/outcome',
  summary: 'Record the outcome of review proceedings',
  description:
    'Order upheld, annulled or amended. `reinstated: true` (only for an executed order annulled or amended) records the reinstatement on the order (`reinstatedBy: "review_proceedings"`) unless it was reinstated before. 409 when the proceedings were already decided. Logged as `order_review_decided`.',
  tags: ['orders'],
  security: BEARER,
  request: {
    params: ProceedingParams,
    body: {
      required: true,
      content: {
        'application/json': { schema: ReviewOutcomeSubmission, example: REVIEW_OUTCOME_EXAMPLE },
      },
    },
  },
  responses: {
    200: {
      description: 'The decided proceedings',
      content: { 'application/json': { schema: ReviewProceeding } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/orders/{id}/review-proceedings',
  summary: 'Review proceedings against a removal order',
  description: 'Oldest filing first, pending and decided.',
  tags: ['orders'],
  security: BEARER,
  request: { params: OrderParams },
  responses: {
    200: {
      description: 'The proceedings',
      content: { 'application/json': { schema: ReviewProceedingList } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

/** Review proceedings against removal orders (TCO Art. 9); `now` is the server's clock. */
export function reviewRoutes(deps: AppDeps, now: () => Date) {
  const reviewDeps = { ...deps, now };
  const router = newRouter();
  const recorders = requireRole(deps, RECORDERS);
  router.openapi({ ...file, middleware: [recorders, requireJsonBody()] }, async (c) => {
    const { id } = c.req.valid('param');
    const proceeding = await fileReviewProceeding(
      reviewDeps,
      c.get('principal'),
      id,
      c.req.valid('json'),
    );
    c.header('Location', `/v1/orders/${id}/review-proceedings`);
    return c.json(proceeding, 201);
  });
  router.openapi({ ...decide, middleware: [recorders, requireJsonBody()] }, async (c) => {
    const { id, pid } = c.req.valid('param');
    const proceeding = await decideReviewProceeding(
      reviewDeps,
      c.get('principal'),
      id,
      pid,
      c.req.valid('json'),
    );
    return c.json(proceeding, 200);
  });
  router.openapi({ ...list, middleware: [requireRole(deps, READERS)] }, async (c) => {
    const proceedings = await listReviewProceedings(deps.db, c.req.valid('param').id);
    return c.json({ proceedings }, 200);
  });
  return router;
}
