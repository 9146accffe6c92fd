import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { TokenCache } from '../auth/require-role';
import { ApiError } from '../errors';
import { UNKNOWN_CLIENT } from './client-address';
import { TokenBuckets } from './token-buckets';

const BEARER = /^Bearer (\S+)$/;

/**
 * Middleware for the public, token-free endpoints: anonymous requests spend one token of their
 * client's bucket (`perSecond`, up to `burst` at once) and get 429 `rate_limited` with
 * `Retry-After` once it is empty. A request with a valid bearer token is not anonymous and is not
 * counted; an invalid one counts as a failed token lookup (see `TokenCache.authenticate`) and
 * the request as anonymous. The client is `c.var.client` (its address). Buckets are per
 * instance: behind a load balancer over N instances a client gets up to N times the rate.
 */
export function publicRateLimit(
  tokens: TokenCache,
  rate: { perSecond: number; burst: number },
): MiddlewareHandler<AppEnv> {
  const buckets = new TokenBuckets({ capacity: rate.burst, refillPerSecond: rate.perSecond });
  return async (c, next) => {
    const client = c.get('client') ?? UNKNOWN_CLIENT;
    if (client === UNKNOWN_CLIENT) return next(); // in-process, no address: see UNKNOWN_CLIENT
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (token && (await tokens.authenticate(token, client)).principal) return next();
    const verdict = buckets.take(client);
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      throw new ApiError(
        'rate_limited',
        `too many requests from this client; retry in ${verdict.retryAfterSeconds} s`,
      );
    }
    await next();
  };
}
