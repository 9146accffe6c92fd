import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { PAGE_CSP } from './page-csp';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

describe('GET /console', () => {
  it('serves the shell under the pages’ strict CSP with external scripts only and no inline code', async () => {
    const res = await t.call('GET', '/console', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(PAGE_CSP).toContain("require-trusted-types-for 'script'");
    const html = await res.text();
    // the first requests' script, then the console's, both external and content-hashed
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(2);
    expect(scripts[0]?.[0]).toMatch(/src="\/scripts\/first-requests-[A-Z0-9]+\.js"/);
    expect(scripts[1]?.[0]).toMatch(/src="\/scripts\/console-[A-Z0-9]+\.js"/);
    for (const script of scripts) expect(script[1]).toBe('');
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/style=/i);
    // its stylesheets: the pages' own, then the CSO desk's
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    expect(sheets).toEqual(['/pages/base.css', '/ui/pages.css', '/ui/cso-desk.css']);
    const desk = await t.call('GET', '/ui/cso-desk.css', { token: null });
    expect(desk.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await desk.text()).toContain('.trend-svg');
  });
});

describe('GET /scripts/:file', () => {
  it('serves every script the console loads first, compressed, cached forever, 304 when unchanged', async () => {
    const html = await (await t.call('GET', '/console', { token: null })).text();
    const paths = [
      ...html.matchAll(/<(?:script type="module" src|link rel="modulepreload" href)="([^"]+)"/g),
    ].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(2);
    for (const path of paths) {
      const raw = await t.call('GET', path, { token: null });
      expect(raw.status, path).toBe(200);
      expect(raw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(raw.headers.get('content-encoding')).toBeNull();
      expect(raw.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(raw.headers.get('content-security-policy')).toBe(PAGE_CSP);
      const source = await raw.text();
      const etag = raw.headers.get('etag')!;
      expect(etag).toBe(`"${path.slice('/scripts/'.length)}"`);

      const brotli = await t.call('GET', path, {
        token: null,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(brotli.headers.get('content-encoding')).toBe('br');
      const br = Buffer.from(await brotli.arrayBuffer());
      expect(brotliDecompressSync(br).toString('utf8')).toBe(source);
      const gzipped = await t.call('GET', path, {
        token: null,
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gzipped.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString('utf8')).toBe(source);

      const again = await t.call('GET', path, { token: null, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
    expect((await t.call('GET', '/scripts/console-NOTBUILT.js', { token: null })).status).toBe(404);
  });
});

describe('GET /cso (the counter-narrative board moved into the console)', () => {
  it('redirects permanently to /console, keeping the query', async () => {
    const plain = await t.call('GET', '/cso', { token: null });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe('/console');
    const withQuery = await t.call('GET', '/cso?group=women&theme=other', { token: null });
    expect(withQuery.status).toBe(301);
    expect(withQuery.headers.get('location')).toBe('/console?group=women&theme=other');
  });

  it('no longer serves the old board’s script or style, and nothing else of the pages folder', async () => {
    for (const path of [
      '/cso/cso-board.js',
      '/cso/cso.css',
      '/cso/../app.ts',
      '/pages/page-base.ts',
    ])
      expect((await t.call('GET', path, { token: null })).status, path).toBe(404);
    const base = await t.call('GET', '/pages/base.css', { token: null });
    expect(base.headers.get('content-type')).toMatch(/^text\/css/);
    expect(base.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await base.text()).toContain('--paper');
  });
});
