import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError, errorResponse } from '../errors';
import { rateLimit, TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
  it('lets a burst through, then refills over time', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5, now: () => now });
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take('b').ok).toBe(true); // another client has its own bucket
    now = 1000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 2000;
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
    now = 1_000_000;
    expect([1, 2, 3, 4].map(() => buckets.take('a').ok)).toEqual([true, true, true, false]); // capped
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const buckets = new TokenBuckets({
      capacity: 1,
      refillPerSecond: 0.001,
      now: () => 0,
      maxClients: 2,
    });
    buckets.take('a');
    buckets.take('b');
    buckets.take('c'); // forgets a
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('c').ok).toBe(false);
  });
});

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
