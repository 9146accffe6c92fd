import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';

const SCALAR_BUNDLE = fileURLToPath(
  new URL('../../node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url),
);

/**
 * The Content-Security-Policy of the docs page: scripts only from this server with the page's
 * nonce, data only from this server, no frames, forms, plugins or base rewriting.
 */
export function docsCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * `GET /docs`: the Scalar API reference for `/openapi.json`, with the Scalar bundle served from
 * this server (`/docs/scalar.js`), so the page loads nothing from elsewhere, under a strict CSP.
 */
export function docsRoutes() {
  const router = new Hono<{ Variables: { nonce: string } }>();
  let bundle: Promise<Buffer> | undefined;
  router.get('/docs/scalar.js', async (c) => {
    bundle ??= readFile(SCALAR_BUNDLE);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(await bundle));
  });
  router.use('/docs', async (c, next) => {
    const nonce = randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    await next();
    c.header('Content-Security-Policy', docsCsp(nonce));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  router.get(
    '/docs',
    Scalar((c) => ({
      url: '/openapi.json',
      cdn: '/docs/scalar.js',
      nonce: c.get('nonce' as never) as string,
      pageTitle: 'Counterweight API',
      withDefaultFonts: false,
      telemetry: false,
    })),
  );
  return router;
}
