import { DecisionSubmission, ErrorBody, ReportSubmission } from '@counterweight/shared';
import { TokenRequest } from '@counterweight/shared/auth';
import { EXTENSION_ID } from '@counterweight/shared/extension-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DECISION_EXAMPLE, REPORT_EXAMPLE, TOKEN_REQUEST_EXAMPLE } from './routes/examples';
import { createTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('pglite', { corsOrigins: ['https://dashboard.example.org'] });
});
afterAll(async () => t.close());

type Operation = { requestBody?: { content: Record<string, { example?: unknown }> } };

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 with every route and a valid example for every request body', async () => {
    const doc = (await (await t.call('GET', '/openapi.json', { token: null })).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/reports',
      '/v1/reports/{id}',
      '/v1/queue',
      '/v1/reports/{id}/decision',
      '/v1/decisions/{id}/statement',
      '/v1/statements',
      '/v1/taxonomy',
      '/v1/me',
      '/v1/tokens',
    ])
      expect(Object.keys(doc.paths)).toContain(path);

    const schemas: Record<string, z.ZodType> = {
      'post /v1/reports': ReportSubmission,
      'post /v1/reports/{id}/decision': DecisionSubmission,
      'post /v1/tokens': TokenRequest,
    };
    const bodies = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({ key: `${method} ${path}`, op })),
    );
    for (const { key, op } of bodies) {
      const example = op.requestBody!.content['application/json']?.example;
      expect(example, `${key} has an example`).toBeDefined();
      const schema = schemas[key];
      // bodies of routes added by other parts of the API are checked by their own tests
      if (schema) expect(schema.safeParse(example).success, `${key} example parses`).toBe(true);
    }
    expect(bodies.map((b) => b.key)).toEqual(expect.arrayContaining(Object.keys(schemas)));
  });

  it('the report example is accepted by the API itself', async () => {
    const response = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
    expect(response.status).toBe(201);
    expect(DecisionSubmission.safeParse(DECISION_EXAMPLE).success).toBe(true);
    expect(TokenRequest.safeParse(TOKEN_REQUEST_EXAMPLE).success).toBe(true);
  });
});

describe('GET /docs', () => {
  it('serves the reference with a strict, nonce-based Content-Security-Policy and a local bundle', async () => {
    const response = await t.call('GET', '/docs', { token: null });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https:|\*)/);
    const html = await response.text();
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).not.toMatch(/https?:\/\/(cdn|fonts)\./);
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await t.call('GET', '/docs', { token: null });
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
    const bundle = await t.call('GET', '/docs/scalar.js', { token: null });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    t.app.request('/v1/reports', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it("admits the project's extension and configured origins only", async () => {
    for (const origin of [`chrome-extension://${EXTENSION_ID}`, 'https://dashboard.example.org']) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
        'authorization',
      );
    }
    for (const origin of [
      'https://evil.example',
      'http://dashboard.example.org',
      'chrome-extension://x/../evil',
      // Another extension, and a Firefox extension not configured by its UUID.
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0b5e7f3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c',
      'null',
    ]) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const simple = await t.call('GET', '/v1/me', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('errors and health', () => {
  it('answers unknown routes with a 404 ErrorBody carrying the request id', async () => {
    const response = await t.call('GET', '/v1/nothing-here', {
      headers: { 'x-request-id': 'req-123' },
    });
    expect(response.status).toBe(404);
    expect(ErrorBody.parse(await response.json())).toMatchObject({
      code: 'not_found',
      requestId: 'req-123',
    });
    expect(response.headers.get('x-request-id')).toBe('req-123');
  });

  it('GET /health reports the store and the log size', async () => {
    const body = (await (await t.call('GET', '/health', { token: null })).json()) as {
      status: string;
      store: string;
      logSize: number;
    };
    expect(body).toMatchObject({ status: 'ok', store: 'pglite' });
    expect(body.logSize).toBe(t.deps.sequencer.size);
  });

  it('GET /v1/taxonomy lists the five TCO types, the exemptions and the ladder', async () => {
    const body = (await (await t.call('GET', '/v1/taxonomy', { token: null })).json()) as Record<
      string,
      { id: string }[]
    >;
    expect(body.tcoTypes?.map((e) => e.id)).toEqual([
      'incitement',
      'solicitation',
      'participation',
      'instruction',
      'threat',
    ]);
    expect(body.exemptions).toHaveLength(6);
    expect(body.actions?.at(-1)?.id).toBe('remove');
  });
});
