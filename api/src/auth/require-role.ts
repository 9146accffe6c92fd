import { ROLES, type Role } from '@counterweight/shared/auth';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import type { Queryable } from '../db/db';
import { ApiError } from '../errors';
import { UNKNOWN_CLIENT } from '../http/client-address';
import { TokenBuckets } from '../http/token-buckets';
import { findPrincipal, hashToken, type Principal } from './tokens';

/** Options of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** How long a valid token is remembered (default 30 s): a revocation takes effect within it. */
  ttlMs?: number;
  /** How long an unknown token is remembered (default 5 s). */
  missTtlMs?: number;
  /** Most tokens remembered, valid and unknown each (default 10,000). */
  max?: number;
  /** Failed lookups per minute per client before {@link TokenCache.authenticate} refuses (10). */
  failuresPerMinute?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/** The answer of {@link TokenCache.authenticate}. */
export interface Authentication {
  principal: Principal | null;
  /** Set when the client failed too often: no lookup was made; retry after this many seconds. */
  retryAfterSeconds?: number;
}

/**
 * Tokens seen recently, so that a busy reviewer does not cost a database read per request, and
 * a throttle on clients whose tokens fail. Valid tokens live `ttlMs`; unknown ones `missTtlMs`,
 * so that a client repeating a bad token costs no database read either. A client (an address)
 * whose lookups failed more than `failuresPerMinute` times is refused with a wait (429) before
 * any lookup, except for a valid token already in the cache.
 */
export class TokenCache {
  readonly #valid = new Map<string, { principal: Principal; expires: number }>();
  readonly #unknown = new Map<string, number>();
  readonly #now: () => number;
  #failures: TokenBuckets | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly options: TokenCacheOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.limitFailures(options.failuresPerMinute ?? 10);
  }

  /** Sets the failed lookups a client may make per minute (0: no limit). */
  limitFailures(perMinute: number): void {
    this.#failures =
      perMinute > 0
        ? new TokenBuckets({ capacity: perMinute, refillPerSecond: perMinute / 60, now: this.#now })
        : null;
  }

  /** The holder of `token`, or null when it is unknown or revoked (no throttle). */
  async lookup(token: string): Promise<Principal | null> {
    const key = hashToken(token);
    const now = this.#now();
    const hit = this.#valid.get(key);
    if (hit && hit.expires > now) return hit.principal;
    const missUntil = this.#unknown.get(key);
    if (missUntil !== undefined && missUntil > now) return null;
    const principal = await findPrincipal(this.db, token);
    if (!principal) {
      this.#valid.delete(key);
      remember(this.#unknown, key, now + (this.options.missTtlMs ?? 5_000), this.#max);
      return null;
    }
    this.#unknown.delete(key);
    remember(
      this.#valid,
      key,
      { principal, expires: now + (this.options.ttlMs ?? 30_000) },
      this.#max,
    );
    return principal;
  }

  /**
   * {@link lookup} for a request from `client`: a failure counts against the client, and a
   * client over its limit gets `retryAfterSeconds` instead of a lookup.
   */
  async authenticate(token: string | undefined, client: string): Promise<Authentication> {
    const cached = token ? this.#valid.get(hashToken(token)) : undefined;
    if (cached && cached.expires > this.#now()) return { principal: cached.principal };
    // No address (in-process `app.request`, as tests and benchmarks call the app): not counted.
    const failures = client === UNKNOWN_CLIENT ? null : this.#failures;
    const verdict = failures?.peek(client);
    if (verdict && !verdict.ok)
      return { principal: null, retryAfterSeconds: verdict.retryAfterSeconds };
    const principal = token ? await this.lookup(token) : null;
    if (principal) return { principal };
    failures?.take(client);
    return { principal: null };
  }

  get #max(): number {
    return this.options.max ?? 10_000;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max) map.clear();
  map.set(key, value);
}

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/;

/**
 * Middleware: 401 `unauthorized` without a valid bearer token, 403 `forbidden` when the token's
 * role is not one of `roles`; otherwise sets `principal` for the handler.
 */
export function requireRole(
  deps: Pick<AppDeps, 'tokens'>,
  roles: readonly Role[],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header)
      throw new ApiError(
        'unauthorized',
        'missing bearer token: send Authorization: Bearer <token>',
      );
    const token = BEARER.exec(header)?.[1];
    const { principal, retryAfterSeconds } = await deps.tokens.authenticate(
      token,
      c.get('client') ?? UNKNOWN_CLIENT,
    );
    if (retryAfterSeconds !== undefined) throw tooManyFailures(c, retryAfterSeconds);
    if (!principal) throw new ApiError('unauthorized', 'invalid or revoked bearer token');
    if (!roles.includes(principal.role))
      throw new ApiError(
        'forbidden',
        `role ${principal.role} may not do this; allowed: ${roles.join(', ')}`,
      );
    c.set('principal', principal);
    await next();
  };
}

/** The 429 for a client whose token lookups failed too often; sets `Retry-After`. */
export function tooManyFailures(c: Context, retryAfterSeconds: number): ApiError {
  c.header('Retry-After', String(retryAfterSeconds));
  return new ApiError(
    'rate_limited',
    `too many invalid tokens from this client; retry in ${retryAfterSeconds} s`,
  );
}

/** Every role: any valid token. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Those who report and decide. */
export const REVIEWERS: readonly Role[] = ['reviewer', 'senior_reviewer'];
