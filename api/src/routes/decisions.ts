import { createRoute, z } from '@hono/zod-openapi';
import { Decision, DecisionSubmission, Id, StatementOfReasons } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { ANY_ROLE, REVIEWERS, requireRole } from '../auth/require-role';
import { previewStatement, recordDecision } from '../decisions/record-decision';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import { DECISION_EXAMPLE } from './examples';
import { ReportParams } from './reports';
import { BEARER, errorResponses, newRouter } from './router';

/** Answer of `POST /v1/reports/{id}/decision`. */
export const DecisionRecorded = z.strictObject({
  decision: Decision,
  statement: StatementOfReasons,
});

const decide = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/decision',
  summary: 'Decide a report',
  description:
    'A reviewer other than the one who submitted the report decides (403 `four_eyes` for the submitter, also under another token issued to the same name). The answer carries the statement of reasons with its appeal token (`x_appeal.token`), given only here: pass it to the content provider.',
  tags: ['decisions'],
  security: BEARER,
  request: {
    params: ReportParams,
    body: {
      required: true,
      content: { 'application/json': { schema: DecisionSubmission, example: DECISION_EXAMPLE } },
    },
  },
  responses: {
    201: {
      description: 'Decision recorded, statement of reasons published',
      content: { 'application/json': { schema: DecisionRecorded } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const preview = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/decision/preview',
  summary: 'Preview the statement of reasons of a decision',
  description:
    'Builds the statement of reasons the decision would publish, with the same code as the decision, without recording anything: what the content provider will receive. Only `x_decision_id` and `x_appeal` (its deadline counts from the moment of the decision) are set when the decision is recorded.',
  tags: ['decisions'],
  security: BEARER,
  request: {
    params: ReportParams,
    body: {
      required: true,
      content: { 'application/json': { schema: DecisionSubmission, example: DECISION_EXAMPLE } },
    },
  },
  responses: {
    200: {
      description: 'The statement as it would be published',
      content: { 'application/json': { schema: StatementOfReasons } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const getStatement = createRoute({
  method: 'get',
  path: '/v1/decisions/{id}/statement',
  summary: 'Statement of reasons of a decision',
  description: 'DSA Transparency Database field names and enumerations; see api/STATEMENTS.md.',
  tags: ['decisions'],
  security: BEARER,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: {
      description: 'The statement (without the appeal token)',
      content: { 'application/json': { schema: StatementOfReasons } },
    },
    ...errorResponses(400, 401, 404),
  },
});

/** Deciding reports (reviewers) and reading statements (any role). */
export function decisionRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/reports/:id/decision', requireRole(deps, REVIEWERS), requireJsonBody());
  router.use('/v1/reports/:id/decision/preview', requireRole(deps, REVIEWERS), requireJsonBody());
  router.use('/v1/decisions/:id/statement', requireRole(deps, ANY_ROLE));

  router.openapi(preview, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await previewStatement(deps.db, id, c.req.valid('json')), 200);
  });

  router.openapi(decide, async (c) => {
    const { id } = c.req.valid('param');
    const recorded = await recordDecision(deps, c.get('principal'), id, c.req.valid('json'));
    c.header('Location', `/v1/decisions/${recorded.decision.id}/statement`);
    return c.json(recorded, 201);
  });

  router.openapi(getStatement, async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await deps.db.query<{ body: unknown }>(
      'SELECT body FROM statements WHERE decision_id = $1',
      [id],
    );
    if (!row) throw new ApiError('not_found', `no decision ${id}`);
    return c.json(StatementOfReasons.parse(row.body), 200);
  });
  return router;
}
