import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { CSO_CSP } from './cso-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

describe('GET /cso', () => {
  it('serves the page under a strict CSP with no inline script or style', async () => {
    const res = await t.call('GET', '/cso', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSO_CSP);
    expect(CSO_CSP).toContain("script-src 'self'");
    expect(CSO_CSP).not.toContain('unsafe-inline');
    expect(CSO_CSP).toContain("require-trusted-types-for 'script'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.[0]).toContain('src="/cso/cso-board.js"');
    expect(scripts[0]?.[1]).toBe('');
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    expect(html).not.toMatch(/style=/i);
    expect(html).toContain(
      '<option value="conspiracy_against_group">Conspiracy theory targeting a group</option>',
    );
    expect(html).toContain('<option value="lgbtq">LGBT+</option>');
  });

  it('serves its script and style, and nothing else under /cso/', async () => {
    const js = await t.call('GET', '/cso/cso-board.js', { token: null });
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await js.text();
    expect(source).not.toMatch(/\.innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(
      (await t.call('GET', '/cso/cso.css', { token: null })).headers.get('content-type'),
    ).toMatch(/^text\/css/);
    const base = await t.call('GET', '/pages/base.css', { token: null });
    expect(base.headers.get('content-type')).toMatch(/^text\/css/);
    expect(base.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await base.text()).toContain('--paper');
    expect((await t.call('GET', '/pages/page-base.ts', { token: null })).status).toBe(404);
    expect((await t.call('GET', '/cso/../app.ts', { token: null })).status).toBe(404);
    expect((await t.call('GET', '/cso/cso-page.ts', { token: null })).status).toBe(404);
  });
});
