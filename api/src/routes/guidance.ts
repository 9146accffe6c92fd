import { createRoute, z } from '@hono/zod-openapi';
import { GuidanceSubmission, NarrativeTheme, ThemeGuidance } from '@counterweight/shared/target';
import type { AppDeps } from '../app-env';
import { requireRole } from '../auth/require-role';
import { requireJsonBody } from '../http/json-body';
import { GUIDANCE_EXAMPLE } from '../targets/target-examples';
import { allGuidance, putGuidance } from '../targets/guidance-store';
import { BEARER, errorResponses, newRouter } from './router';

const tags = ['counter-narrative targets'];

const listGuidance = createRoute({
  method: 'get',
  path: '/v1/guidance',
  summary: 'Do-no-harm guidance for every narrative theme (cso, admin)',
  tags,
  security: BEARER,
  responses: {
    200: {
      description: 'Guidance per theme',
      content: { 'application/json': { schema: z.array(ThemeGuidance) } },
    },
    ...errorResponses(401, 403),
  },
});

const replaceGuidance = createRoute({
  method: 'put',
  path: '/v1/guidance/{theme}',
  summary: 'Replace the do-no-harm guidance of one theme (admin)',
  description: 'Shown with every target of the theme from then on.',
  tags,
  security: BEARER,
  request: {
    params: z.object({ theme: NarrativeTheme }),
    body: {
      required: true,
      content: { 'application/json': { schema: GuidanceSubmission, example: GUIDANCE_EXAMPLE } },
    },
  },
  responses: {
    200: {
      description: 'The guidance as stored',
      content: { 'application/json': { schema: ThemeGuidance } },
    },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

/** `GET /v1/guidance` (cso, admin) and `PUT /v1/guidance/{theme}` (admin). */
export function guidanceRoutes(deps: AppDeps, clock: () => Date = () => new Date()) {
  const router = newRouter();
  router.openapi(
    { ...listGuidance, middleware: [requireRole(deps, ['cso', 'admin'])] },
    async (c) => c.json(Object.values(await allGuidance(deps.db)), 200),
  );
  router.openapi(
    { ...replaceGuidance, middleware: [requireRole(deps, ['admin']), requireJsonBody()] },
    async (c) => {
      const { theme } = c.req.valid('param');
      const { points } = c.req.valid('json');
      return c.json(
        await putGuidance(deps.db, theme, points, c.get('principal').tokenId, clock()),
        200,
      );
    },
  );
  return router;
}
