import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * The origins CORS admits: the configured web origins (`COUNTERWEIGHT_CORS_ORIGINS`) and the
 * project's own extensions (`COUNTERWEIGHT_EXTENSION_IDS`): `chrome-extension://ID` for a
 * Chromium id (32 letters a-p), `moz-extension://UUID` for a Firefox extension UUID. No other
 * extension is admitted: any installed extension could otherwise read the API with a reviewer's
 * browser session.
 */
export function allowedOrigins(
  webOrigins: readonly string[],
  extensionIds: readonly string[],
): Set<string> {
  return new Set([
    ...webOrigins.map((origin) => new URL(origin).origin),
    ...extensionIds.map((id) =>
      id.includes('-') ? `moz-extension://${id}` : `chrome-extension://${id}`,
    ),
  ]);
}

const EXPOSE_HEADERS = ['Location', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After'].join(',');

/**
 * CORS for the API: only the {@link allowedOrigins} get CORS headers; every other origin gets
 * none, so browsers block it. Every answer varies by `Origin`.
 */
export function apiCors(allowed: ReadonlySet<string>): MiddlewareHandler {
  const preflight = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
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
    if (origin && allowed.has(origin)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    await next();
  };
}
