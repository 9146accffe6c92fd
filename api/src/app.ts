import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env';
import { ApiError, errorResponse, onError } from './errors';
import { apiCors } from './http/cors';
import { docsRoutes } from './http/docs';
import { limitBody } from './http/json-body';
import { requestId } from './http/request-id';
import { appealRoutes } from './routes/appeals';
import { decisionRoutes } from './routes/decisions';
import { meRoutes } from './routes/me';
import { queueRoutes } from './routes/queue';
import { reportRoutes } from './routes/reports';
import { statementRoutes } from './routes/statements';
import { taxonomyRoutes } from './routes/taxonomy';
import { transparencyRoutes } from './routes/transparency';
import { legalHoldRoutes } from './routes/legal-holds';
import { guidanceRoutes } from './routes/guidance';
import { logRoutes } from './routes/log';
import { targetRoutes } from './routes/targets';
import { csoPageRoutes } from './pages/cso-page';
import { pageBaseRoutes } from './pages/page-base';
import { transparencyPageRoutes } from './pages/transparency-page';
import { newRouter } from './routes/router';

/** The OpenAPI document's info block. */
export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Counterweight API',
    version: '0.1.0',
    description:
      'Human-reviewed reports of terrorist, violent-extremist and hate content; review queue; decisions with statements of reasons in the DSA Transparency Database format; a verifiable transparency log.',
  },
} as const;

/**
 * Builds the HTTP app over its dependencies; used by the server (`index.ts`) and by tests
 * (`app.request(...)`). Every error answers with an `ErrorBody`.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = newRouter();
  app.onError(
    onError((error, c) =>
      deps.logger.error(
        { err: error, requestId: c.get('requestId'), path: c.req.path },
        'unhandled error',
      ),
    ),
  );
  app.notFound((c) =>
    errorResponse(c, new ApiError('not_found', `no route ${c.req.method} ${c.req.path}`)),
  );
  app.use('*', requestId());
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  app.use('/v1/*', apiCors(deps.corsOrigins));
  app.use('/v1/*', limitBody());

  app.get('/health', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({
      status: 'ok',
      store: deps.db.kind,
      logSize: deps.sequencer.size,
      checkpointSize: deps.log.size,
      integrating: deps.log.integrating,
    });
  });

  for (const routes of [
    reportRoutes,
    queueRoutes,
    decisionRoutes,
    statementRoutes,
    taxonomyRoutes,
    meRoutes,
    targetRoutes,
    guidanceRoutes,
    appealRoutes,
    transparencyRoutes,
    legalHoldRoutes,
  ])
    app.route('/', routes(deps));

  app.route('/', logRoutes(deps.log));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from `pnpm run token --role ROLE` or `POST /v1/tokens`.',
  });
  app.doc31('/openapi.json', OPENAPI_INFO);
  app.route('/', docsRoutes());
  app.route('/', pageBaseRoutes());
  app.route('/', csoPageRoutes());
  app.route('/', transparencyPageRoutes());
  return app;
}
