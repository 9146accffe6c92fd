import { ErrorBody } from '@counterweight/shared';
import { IssuedToken, Me, type Role } from '@counterweight/shared/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_DECISION_EXAMPLE, ORDER_EXAMPLE } from '../orders/order-examples';
import { PRESERVATION_EXTENSION_EXAMPLE } from '../preservation/preservation-routes';
import { DECISION_EXAMPLE, REPORT_EXAMPLE, TOKEN_REQUEST_EXAMPLE } from '../routes/examples';
import { createTestApp, rowCounts, type TestApp, type TestTokens } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const someId = '3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10';

/** Every endpoint with a token requirement, with the roles allowed. */
const ENDPOINTS: { method: string; path: string; body?: unknown; allowed: Role[] }[] = [
  {
    method: 'POST',
    path: '/v1/reports',
    body: REPORT_EXAMPLE,
    allowed: ['reviewer', 'senior_reviewer'],
  },
  { method: 'GET', path: `/v1/reports/${someId}`, allowed: ['reviewer', 'senior_reviewer'] },
  { method: 'GET', path: '/v1/queue', allowed: ['reviewer', 'senior_reviewer'] },
  {
    method: 'POST',
    path: `/v1/reports/${someId}/decision`,
    body: DECISION_EXAMPLE,
    allowed: ['reviewer', 'senior_reviewer'],
  },
  {
    method: 'GET',
    path: `/v1/decisions/${someId}/statement`,
    allowed: ['reviewer', 'senior_reviewer', 'cso', 'auditor', 'admin', 'authority_liaison'],
  },
  {
    method: 'GET',
    path: '/v1/statements',
    allowed: ['reviewer', 'senior_reviewer', 'cso', 'auditor', 'admin', 'authority_liaison'],
  },
  {
    method: 'GET',
    path: '/v1/me',
    allowed: ['reviewer', 'senior_reviewer', 'cso', 'auditor', 'admin', 'authority_liaison'],
  },
  { method: 'POST', path: '/v1/tokens', body: TOKEN_REQUEST_EXAMPLE, allowed: ['admin'] },
  {
    method: 'POST',
    path: '/v1/orders',
    body: ORDER_EXAMPLE,
    allowed: ['admin', 'authority_liaison'],
  },
  {
    method: 'GET',
    path: '/v1/orders',
    allowed: ['admin', 'authority_liaison', 'reviewer', 'senior_reviewer'],
  },
  {
    method: 'POST',
    path: `/v1/orders/${someId}/decision`,
    body: ORDER_DECISION_EXAMPLE,
    allowed: ['reviewer', 'senior_reviewer'],
  },
  {
    method: 'GET',
    path: `/v1/orders/${someId}/annex-ii`,
    allowed: ['admin', 'authority_liaison', 'reviewer', 'senior_reviewer'],
  },
  {
    method: 'GET',
    path: `/v1/preserved/${someId}?purpose=authority_request&reference=R1`,
    allowed: ['admin', 'authority_liaison'],
  },
  {
    method: 'POST',
    path: `/v1/preserved/${someId}/extension`,
    body: PRESERVATION_EXTENSION_EXAMPLE,
    allowed: ['admin', 'authority_liaison'],
  },
  { method: 'GET', path: '/v1/statements/delivery', allowed: ['admin', 'auditor'] },
];

const byRole = (tokens: TestTokens): Record<Role, TestTokens[keyof TestTokens]> => ({
  reviewer: tokens.reviewer,
  senior_reviewer: tokens.senior,
  cso: tokens.cso,
  auditor: tokens.auditor,
  admin: tokens.admin,
  authority_liaison: tokens.liaison,
});

describe('bearer tokens and roles', () => {
  it.each(ENDPOINTS)(
    '$method $path: 401 without or with a bad token, 403 for other roles',
    async ({ method, path, body, allowed }) => {
      const before = await rowCounts(t.db);
      for (const token of [null, 'cw_not-a-real-token', 'garbage with spaces']) {
        const response = await t.call(method, path, { token, body });
        expect(response.status).toBe(401);
        expect(ErrorBody.parse(await response.json()).code).toBe('unauthorized');
      }
      for (const [role, token] of Object.entries(byRole(t.tokens)) as [
        Role,
        TestTokens['admin'],
      ][]) {
        const response = await t.call(method, path, { token, body });
        if (allowed.includes(role)) expect(response.status).not.toBe(403);
        else {
          expect(response.status).toBe(403);
          expect(ErrorBody.parse(await response.json()).code).toBe('forbidden');
        }
      }
      const after = await rowCounts(t.db);
      // only allowed roles may have written anything
      if (method === 'GET') expect(after).toEqual(before);
    },
  );

  it('GET /v1/me tells a token its role, name and id', async () => {
    const response = await t.call('GET', '/v1/me', { token: t.tokens.cso });
    expect(Me.parse(await response.json())).toEqual({
      tokenId: t.tokens.cso.tokenId,
      role: 'cso',
      name: 'CSO D',
    });
  });

  it('an admin issues tokens that work at once and are stored only as a hash', async () => {
    const response = await t.call('POST', '/v1/tokens', {
      token: t.tokens.admin,
      body: { role: 'auditor', name: 'Regulator' },
    });
    expect(response.status).toBe(201);
    const issued = IssuedToken.parse(await response.json());
    const me = Me.parse(await (await t.call('GET', '/v1/me', { token: issued.token })).json());
    expect(me).toEqual({ tokenId: issued.tokenId, role: 'auditor', name: 'Regulator' });
    const stored = JSON.stringify(await t.db.query('SELECT * FROM api_tokens'));
    expect(stored).not.toContain(issued.token);
    const bad = await t.call('POST', '/v1/tokens', {
      token: t.tokens.admin,
      body: { role: 'superuser' },
    });
    expect(ErrorBody.parse(await bad.json()).issues?.[0]?.path).toBe('role');
  });

  it('the taxonomy, health and OpenAPI document need no token', async () => {
    for (const path of ['/v1/taxonomy', '/health', '/openapi.json', '/docs']) {
      expect((await t.call('GET', path, { token: null })).status).toBe(200);
    }
  });
});
