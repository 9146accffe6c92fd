import { createRoute } from '@hono/zod-openapi';
import { IssuedToken, Me, TokenRequest } from '@counterweight/shared/auth';
import type { AppDeps } from '../app-env';
import { ANY_ROLE, requireRole } from '../auth/require-role';
import { createToken } from '../auth/tokens';
import { requireJsonBody } from '../http/json-body';
import { TOKEN_REQUEST_EXAMPLE } from './examples';
import { BEARER, errorResponses, newRouter } from './router';

const getMe = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'What this token is: its id, role and name',
  tags: ['auth'],
  security: BEARER,
  responses: {
    200: { description: 'The token holder', content: { 'application/json': { schema: Me } } },
    ...errorResponses(401),
  },
});

const issueToken = createRoute({
  method: 'post',
  path: '/v1/tokens',
  summary: 'Issue a new API token (admin)',
  description: 'The token is shown once; the server keeps only its SHA-256.',
  tags: ['auth'],
  security: BEARER,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: TokenRequest, example: TOKEN_REQUEST_EXAMPLE } },
    },
  },
  responses: {
    201: { description: 'The new token', content: { 'application/json': { schema: IssuedToken } } },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

/** `GET /v1/me` (any token) and `POST /v1/tokens` (admin). */
export function meRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/me', requireRole(deps, ANY_ROLE));
  router.use('/v1/tokens', requireRole(deps, ['admin']), requireJsonBody());
  router.openapi(getMe, (c) => c.json(c.get('principal'), 200));
  router.openapi(issueToken, async (c) => {
    const { role, name } = c.req.valid('json');
    return c.json(await createToken(deps.db, role, name ?? null), 201);
  });
  return router;
}
