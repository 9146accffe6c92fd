import type { IssuedToken } from '@counterweight/shared/auth';
import type { Context } from 'hono';
import { onError } from '../errors';
import { requestId } from '../http/request-id';
import { appealRoutes } from '../routes/appeals';
import { claimRoutes } from '../routes/claims';
import { decisionRoutes } from '../routes/decisions';
import { reportRoutes } from '../routes/reports';
import { newRouter } from '../routes/router';
import type { TestApp } from '../testing/test-app';

/**
 * For tests: the report, decision and appeal routes over a test app's dependencies, with the
 * appeals on an injected clock and a rate limit keyed by the `x-test-client` header, so that
 * deadlines and limits can be driven. Returns a `call` like `TestApp.call`.
 */
export function clockedAppealApp(
  t: TestApp,
  now: () => Date,
  rateLimit = { capacity: 1000, refillPerSecond: 1 },
): TestApp['call'] {
  const app = newRouter();
  app.onError(onError(() => {}));
  app.use('*', requestId());
  for (const routes of [reportRoutes, claimRoutes, decisionRoutes]) app.route('/', routes(t.deps));
  const clientKey = (c: Context) => c.req.header('x-test-client') ?? 'default';
  app.route('/', appealRoutes(t.deps, { now, rateLimit: { ...rateLimit, clientKey } }));
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? t.tokens.reviewer : options.token;
    if (token)
      headers.authorization = `Bearer ${typeof token === 'string' ? token : (token as IssuedToken).token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(path, { method, headers, body });
  };
}
