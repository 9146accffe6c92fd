import { randomBytes } from 'node:crypto';
import { ErrorBody } from '@counterweight/shared';
import { EXTENSION_ID } from '@counterweight/shared/extension-id';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { AppDeps } from '../app-env';
import { createToken } from '../auth/tokens';
import { createDeps } from '../deps';
import { openTestDb } from '../testing/test-db';
import { httpPolicyFromEnv, type HttpPolicy } from './http-policy';

let deps: AppDeps;
let drop: () => Promise<void>;
let reviewerToken: string;
beforeAll(async () => {
  const opened = await openTestDb('pglite');
  drop = opened.drop;
  deps = await createDeps(opened.db, {
    pseudonymKey: randomBytes(32),
    logger: pino({ level: 'silent' }),
    corsOrigins: ['https://dashboard.example.org'],
  });
  reviewerToken = (await createToken(opened.db, 'reviewer', 'R')).token;
});
afterAll(async () => {
  await deps.log.close();
  await drop();
});

const policy = (overrides: Partial<HttpPolicy> = {}): HttpPolicy => ({
  ...httpPolicyFromEnv({}),
  ...overrides,
});

/** `app.request` as if over a socket from `address` (what @hono/node-server hands the app). */
function client(app: ReturnType<typeof createApp>, address: string) {
  return (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers }, { incoming: { socket: { remoteAddress: address } } });
}

describe('public rate limit', () => {
  it('answers anonymous requests beyond the burst with 429 and Retry-After, per client', async () => {
    const app = createApp(deps, policy({ publicRate: { perSecond: 0.5, burst: 3 } }));
    const a = client(app, '192.0.2.1');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await a('/v1/log/checkpoint')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await a('/v1/transparency/series?from=2026-01-01&to=2027-01-01&bucket=day');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(ErrorBody.parse(await limited.json()).code).toBe('rate_limited');
    // Another client, and the same client with a valid token, are not held back.
    expect((await client(app, '192.0.2.2')('/v1/taxonomy')).status).toBe(200);
    expect((await a('/v1/taxonomy', { authorization: `Bearer ${reviewerToken}` })).status).toBe(
      200,
    );
    // An invalid token does not make a request less anonymous.
    expect((await a('/v1/taxonomy', { authorization: 'Bearer cw_nonsense' })).status).toBe(429);
    // Endpoints outside the public data paths are not counted here.
    expect((await a('/health')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64', async () => {
    const app = createApp(deps, policy({ publicRate: { perSecond: 0.1, burst: 1 } }));
    expect((await client(app, '2001:db8:1:2::1')('/v1/taxonomy')).status).toBe(200);
    expect((await client(app, '2001:db8:1:2:ffff::9')('/v1/taxonomy')).status).toBe(429);
    expect((await client(app, '2001:db8:1:3::1')('/v1/taxonomy')).status).toBe(200);
    expect((await client(app, '::ffff:192.0.2.99')('/v1/taxonomy')).status).toBe(200);
    expect((await client(app, '192.0.2.99')('/v1/taxonomy')).status).toBe(429);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const app = createApp(
      deps,
      policy({ publicRate: { perSecond: 0.1, burst: 1 }, trustedProxies: ['10.0.0.5'] }),
    );
    const proxy = client(app, '10.0.0.5');
    const via = (forwarded: string) => proxy('/v1/taxonomy', { 'x-forwarded-for': forwarded });
    expect((await via('198.51.100.7')).status).toBe(200);
    expect((await via('198.51.100.8')).status).toBe(200);
    // The client cannot pick its address by prepending one: the rightmost untrusted one counts.
    expect((await via('203.0.113.1, 198.51.100.7')).status).toBe(429);
    // An untrusted peer's header is ignored: it is counted as itself.
    const direct = client(app, '198.51.100.50');
    expect((await direct('/v1/taxonomy', { 'x-forwarded-for': '1.1.1.1' })).status).toBe(200);
    expect((await direct('/v1/taxonomy', { 'x-forwarded-for': '1.1.1.2' })).status).toBe(429);
  });

  it('is off at 0, and in-process requests without an address are not counted', async () => {
    expect(httpPolicyFromEnv({ COUNTERWEIGHT_PUBLIC_RATE_LIMIT: '0' }).publicRate).toBeNull();
    const app = createApp(deps, policy({ publicRate: { perSecond: 0.1, burst: 1 } }));
    for (let i = 0; i < 5; i++) expect((await app.request('/v1/taxonomy')).status).toBe(200);
  });
});

describe('token throttle', () => {
  it('answers 429 with Retry-After after repeated failures from one client, 401 before', async () => {
    const app = createApp(deps, policy({ tokenFailuresPerMinute: 3 }));
    const a = client(app, '192.0.2.10');
    const bad = { authorization: 'Bearer cw_guess' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await a('/v1/me', bad)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await a('/v1/me', { authorization: 'Bearer cw_another-guess' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ErrorBody.parse(await refused.json()).code).toBe('rate_limited');
    // A token that is valid and recently seen still works from that address (cached, no lookup);
    // another address is not held back.
    expect((await client(app, '192.0.2.11')('/v1/me', bad)).status).toBe(401);
    await deps.tokens.lookup(reviewerToken);
    expect((await a('/v1/me', { authorization: `Bearer ${reviewerToken}` })).status).toBe(200);
    // Requests without a token are a 401, never counted.
    expect((await client(app, '192.0.2.12')('/v1/me')).status).toBe(401);
  });

  it('caches failed lookups briefly: a repeated bad token costs no database read', async () => {
    const app = createApp(deps, policy({ tokenFailuresPerMinute: 0 }));
    let reads = 0;
    const query = deps.db.query.bind(deps.db);
    deps.db.query = ((sql: string, params?: unknown[]) => {
      if (sql.includes('FROM api_tokens')) reads++;
      return query(sql, params);
    }) as typeof deps.db.query;
    try {
      const a = client(app, '192.0.2.20');
      for (let i = 0; i < 5; i++)
        expect((await a('/v1/me', { authorization: 'Bearer cw_same-bad-token' })).status).toBe(401);
      expect(reads).toBe(1);
    } finally {
      deps.db.query = query;
    }
  });
});

describe('CORS', () => {
  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    app.request('/v1/reports', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
  const admitted = async (app: ReturnType<typeof createApp>, origin: string) =>
    (await preflight(app, origin)).headers.get('access-control-allow-origin') === origin;

  it("admits the built extension's id and the configured origins by default, no other extension", async () => {
    const app = createApp(deps, policy());
    expect(await admitted(app, `chrome-extension://${EXTENSION_ID}`)).toBe(true);
    expect(await admitted(app, 'https://dashboard.example.org')).toBe(true);
    expect(await admitted(app, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop')).toBe(false);
    expect(await admitted(app, 'moz-extension://0b5e7f3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c')).toBe(false);
    const simple = await app.request('/v1/taxonomy', {
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('admits exactly the configured extension ids (Chromium ids and Firefox UUIDs)', async () => {
    const env = {
      COUNTERWEIGHT_EXTENSION_IDS:
        'abcdefghijklmnopabcdefghijklmnop, 0B5E7F3C-1D2E-4F5A-9B8C-7D6E5F4A3B2C',
    };
    const app = createApp(deps, httpPolicyFromEnv(env));
    expect(await admitted(app, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop')).toBe(true);
    expect(await admitted(app, 'moz-extension://0b5e7f3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c')).toBe(true);
    expect(await admitted(app, `chrome-extension://${EXTENSION_ID}`)).toBe(false);
    expect(await admitted(app, 'moz-extension://11111111-1d2e-4f5a-9b8c-7d6e5f4a3b2c')).toBe(false);
    const none = createApp(deps, httpPolicyFromEnv({ COUNTERWEIGHT_EXTENSION_IDS: '' }));
    expect(await admitted(none, `chrome-extension://${EXTENSION_ID}`)).toBe(false);
  });

  it('names the variable of an invalid setting', () => {
    expect(() =>
      httpPolicyFromEnv({ COUNTERWEIGHT_EXTENSION_IDS: 'chrome-extension://x' }),
    ).toThrow(/COUNTERWEIGHT_EXTENSION_IDS/);
    expect(() => httpPolicyFromEnv({ COUNTERWEIGHT_PUBLIC_RATE_LIMIT: 'lots' })).toThrow(
      /COUNTERWEIGHT_PUBLIC_RATE_LIMIT/,
    );
    expect(() => httpPolicyFromEnv({ COUNTERWEIGHT_TRUSTED_PROXIES: 'lb.internal' })).toThrow(
      /COUNTERWEIGHT_TRUSTED_PROXIES/,
    );
  });
});
