import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env';
import { ApiError, errorResponse, onError } from './errors';
import { clientAddress, clientKey } from './http/client-address';
import { allowedOrigins, apiCors } from './http/cors';
import { httpPolicyFromEnv, type HttpPolicy } from './http/http-policy';
import { publicRateLimit } from './http/public-rate-limit';
import { docsRoutes } from './http/docs';
import { limitBody } from './http/json-body';
import { requestId } from './http/request-id';
import { appealRoutes } from './routes/appeals';
import { claimRoutes } from './routes/claims';
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
import { bankRoutes } from './routes/banks';
import { feedbackRoutes } from './routes/feedback';
import { consolePageRoutes } from './pages/console-page';
import { pageBaseRoutes } from './pages/page-base';
import { transparencyPageRoutes } from './pages/transparency-page';
import { newRouter } from './routes/router';
import { orderRoutes } from './orders/order-routes';
import { deliveryRoutes } from './tdb/delivery-routes';
import { noticeDeliveryRoutes } from './notices/notice-routes';
import { preservationRoutes } from './preservation/preservation-routes';

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

/** The public endpoints whose anonymous requests are rate-limited per client. */
const PUBLIC_PATHS = ['/v1/transparency/*', '/v1/log/*', '/v1/taxonomy'];

/**
 * Builds the HTTP app over its dependencies; used by the server (`index.ts`) and by tests
 * (`app.request(...)`). Every error answers with an `ErrorBody`. `policy` (CORS extension ids,
 * rate limits, trusted proxies) defaults to the one of the process environment.
 */
export function createApp(
  deps: AppDeps,
  policy: HttpPolicy = httpPolicyFromEnv(),
): OpenAPIHono<AppEnv> {
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
  app.use('/v1/*', apiCors(allowedOrigins(deps.corsOrigins, policy.extensionIds)));
  app.use('/v1/*', limitBody());
  app.use('*', async (c, next) => {
    c.set('client', clientKey(clientAddress(c, policy.trustedProxies)));
    await next();
  });
  deps.tokens.limitFailures(policy.tokenFailuresPerMinute);
  if (policy.publicRate) {
    const limit = publicRateLimit(deps.tokens, policy.publicRate);
    for (const path of PUBLIC_PATHS) app.use(path, limit);
  }

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
    deliveryRoutes,
    noticeDeliveryRoutes,
    reportRoutes,
    claimRoutes,
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
    feedbackRoutes,
    orderRoutes,
    bankRoutes,
    preservationRoutes,
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
  app.route('/', consolePageRoutes());
  app.route('/', transparencyPageRoutes());
  return app;
}
