import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

/** A token bucket: `capacity` requests at once, refilled at `refillPerSecond`. */
export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Most clients remembered; the least recently seen are forgotten first. */
  maxClients?: number;
}

/**
 * Token buckets keyed by client. `take(key)` spends one token and answers whether the request
 * may go on, and if not, how many seconds until a token is back.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: BucketOptions) {
    this.now = options.now ?? Date.now;
  }

  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    this.buckets.delete(key); // re-inserted below, so Map order is least recently seen first
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    this.forgetOldest();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / refillPerSecond) };
  }

  private forgetOldest(): void {
    const max = this.options.maxClients ?? 100_000;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= max) break;
      this.buckets.delete(key);
    }
  }
}

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
): MiddlewareHandler {
  return async (c, next) => {
    const verdict = buckets.take(clientKey(c));
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      throw new ApiError(
        'rate_limited',
        `too many appeals from this client; retry in ${verdict.retryAfterSeconds} s`,
      );
    }
    await next();
  };
}
