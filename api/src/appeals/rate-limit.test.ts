import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError, errorResponse } from '../errors';
import { rateLimit, TokenBuckets } from './rate-limit';

// TokenBuckets itself is tested in http/token-buckets.test.ts.
describe('rateLimit', () => {
  it('answers 429 rate_limited with Retry-After per client', async () => {
    const app = new Hono();
    app.onError((error, c) =>
      error instanceof ApiError ? errorResponse(c, error) : c.text('bug', 500),
    );
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 0.1, now: () => 0 });
    app.post(
      '/x',
      rateLimit(buckets, (c) => c.req.header('x-client') ?? 'none'),
      (c) => c.text('ok'),
    );
    const send = (client: string) =>
      app.request('/x', { method: 'POST', headers: { 'x-client': client } });
    expect((await send('1')).status).toBe(200);
    expect((await send('1')).status).toBe(200);
    const refused = await send('1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
    expect((await send('2')).status).toBe(200);
  });
});
