import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]+$/;

/** True for a browser extension's origin or one of the configured web origins. */
export function isAllowedOrigin(origin: string, configured: readonly string[]): boolean {
  return EXTENSION_ORIGIN.test(origin) || configured.includes(origin);
}

const EXPOSE_HEADERS = ['Location', 'X-Request-Id', 'Idempotent-Replayed'].join(',');

/**
 * CORS for the API: only browser extensions (`chrome-extension://…`, `moz-extension://…`) and the
 * configured origins get CORS headers; every other origin gets none, so browsers block it.
 * Every answer varies by `Origin`.
 */
export function apiCors(configured: readonly string[]): MiddlewareHandler {
  const origins = configured.map((origin) => new URL(origin).origin);
  const preflight = cors({
    origin: (origin) => (isAllowedOrigin(origin, origins) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: EXPOSE_HEADERS.split(','),
    maxAge: 600,
  });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    // Headers set before the handler answers go into its answer as it is built; Hono's cors()
    // touches the answer before the handler, which makes Hono rebuild every answer as a stream.
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('origin');
    if (origin && isAllowedOrigin(origin, origins)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    await next();
  };
}
