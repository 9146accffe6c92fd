/** A token bucket per client: `capacity` at once, refilled at `refillPerSecond`. */
export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Most clients remembered; the least recently seen are forgotten first. */
  maxClients?: number;
}

/** The answer of {@link TokenBuckets.take} and {@link TokenBuckets.peek}. */
export type BucketVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets keyed by client (the appeals limit and the public endpoints' limit both use them).
 * `take(key)` spends one token and says whether the request may go on, and if not, in how many
 * seconds a token is back; `peek(key)` says the same without spending.
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;

  constructor(private readonly options: BucketOptions) {
    this.#now = options.now ?? Date.now;
  }

  take(key: string): BucketVerdict {
    return this.#verdict(key, true);
  }

  peek(key: string): BucketVerdict {
    return this.#verdict(key, false);
  }

  #verdict(key: string, spend: boolean): BucketVerdict {
    const now = this.#now();
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, at: now };
    this.#buckets.delete(key); // re-inserted below, so Map order is least recently seen first
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond,
    );
    bucket.at = now;
    this.#buckets.set(key, bucket);
    this.#forgetOldest();
    if (bucket.tokens >= 1) {
      if (spend) bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / refillPerSecond) };
  }

  #forgetOldest(): void {
    const max = this.options.maxClients ?? 100_000;
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= max) break;
      this.#buckets.delete(key);
    }
  }
}
