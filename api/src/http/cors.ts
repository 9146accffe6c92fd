import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]+$/;

/** True for a browser extension's origin or one of the configured web origins. */
export function isAllowedOrigin(origin: string, configured: readonly string[]): boolean {
  return EXTENSION_ORIGIN.test(origin) || configured.includes(origin);
}

/**
 * CORS for the API: only browser extensions (`chrome-extension://…`, `moz-extension://…`) and the
 * configured origins get CORS headers; every other origin gets none, so browsers block it.
 */
export function apiCors(configured: readonly string[]): MiddlewareHandler {
  const origins = configured.map((origin) => new URL(origin).origin);
  return cors({
    origin: (origin) => (isAllowedOrigin(origin, origins) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: ['Location', 'X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  });
}
