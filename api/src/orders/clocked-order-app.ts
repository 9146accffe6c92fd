import type { IssuedToken } from '@counterweight/shared/auth';
import { onError } from '../errors';
import { requestId } from '../http/request-id';
import { appealRoutes } from '../routes/appeals';
import { queueRoutes } from '../routes/queue';
import { reportRoutes } from '../routes/reports';
import { newRouter } from '../routes/router';
import type { TestApp } from '../testing/test-app';
import { orderRoutes } from './order-routes';

/**
 * For tests: the order, appeal, queue and report routes over a test app's dependencies, with orders and
 * appeals on an injected clock, so that the one-hour deadline can be driven without sleeping. Returns a
 * `call` like `TestApp.call` (default token: the liaison).
 */
export function clockedOrderApp(t: TestApp, now: () => Date): TestApp['call'] {
  const app = newRouter();
  app.onError(onError(() => {}));
  app.use('*', requestId());
  for (const routes of [reportRoutes, queueRoutes]) app.route('/', routes(t.deps));
  app.route('/', orderRoutes(t.deps, { now }));
  const rateLimit = { capacity: 1000, refillPerSecond: 1, clientKey: () => 'test' };
  app.route('/', appealRoutes(t.deps, { now, rateLimit }));
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? t.tokens.liaison : options.token;
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
