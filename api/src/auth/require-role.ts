import type { Role } from '@counterweight/shared/auth';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import type { Queryable } from '../db/db';
import { ApiError } from '../errors';
import { findPrincipal, hashToken, type Principal } from './tokens';

/**
 * Valid tokens seen recently, so that a busy reviewer does not cost a database read per request.
 * Entries live `ttlMs`; the cache holds at most `max` tokens. Unknown tokens are never cached.
 */
export class TokenCache {
  readonly #entries = new Map<string, { principal: Principal; expires: number }>();
  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 30_000,
    private readonly max = 10_000,
  ) {}

  async lookup(token: string): Promise<Principal | null> {
    const key = hashToken(token);
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.principal;
    const principal = await findPrincipal(this.db, token);
    if (!principal) {
      this.#entries.delete(key);
      return null;
    }
    if (this.#entries.size >= this.max) this.#entries.clear();
    this.#entries.set(key, { principal, expires: now + this.ttlMs });
    return principal;
  }
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
    const principal = token ? await deps.tokens.lookup(token) : null;
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

/** Every role: any valid token. */
export const ANY_ROLE: readonly Role[] = ['reviewer', 'senior_reviewer', 'cso', 'auditor', 'admin'];
/** Those who report and decide. */
export const REVIEWERS: readonly Role[] = ['reviewer', 'senior_reviewer'];
