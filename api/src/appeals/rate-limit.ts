import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';
import type { TokenBuckets } from '../http/token-buckets';

// The buckets themselves are the API's generic limiter, shared with the public endpoints.
export { TokenBuckets, type BucketOptions } from '../http/token-buckets';

/** The client's address as the socket reports it (no proxy headers are trusted). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server (e.g. app.request in tests)
  }
}

/**
 * Middleware answering 429 `rate_limited` (with `Retry-After`) once a client has spent its
 * bucket. `clientKey` picks the client; by default its socket address.
 */
export function rateLimit(
  buckets: TokenBuckets,
  clientKey: (c: Context) => string = socketAddress,
  what = 'appeals from this client',
): MiddlewareHandler {
  return async (c, next) => {
    const verdict = buckets.take(clientKey(c));
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      throw new ApiError(
        'rate_limited',
        `too many ${what}; retry in ${verdict.retryAfterSeconds} s`,
      );
    }
    await next();
  };
}
