import { describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets half a second of requests through at once, then paces them at the rate', async () => {
    let now = 0;
    const limiter = new RateLimiter(4_000, () => now);
    let granted = 0;
    for (let i = 0; i < 33; i++) await limiter.acquire().then(() => granted++);
    expect(granted).toBe(33);
    const next = limiter.acquire().then(() => granted++);
    await new Promise((r) => setTimeout(r, 5));
    expect(granted).toBe(33); // the bucket is empty until time moves
    now += 15; // 4,000 a minute: one token every 15 ms
    await next;
    expect(granted).toBe(34);
  });

  it('never grants more than the rate over a minute', async () => {
    vi.useFakeTimers();
    try {
      const limiter = new RateLimiter(600, () => Date.now());
      let granted = 0;
      for (let i = 0; i < 1_000; i++) void limiter.acquire().then(() => granted++);
      await vi.advanceTimersByTimeAsync(60_000);
      // 5 at once (half a second of 600 a minute), then 10 a second for 60 s.
      expect(granted).toBeLessThanOrEqual(5 + 600);
      expect(granted).toBeGreaterThanOrEqual(595);
    } finally {
      vi.useRealTimers();
    }
  });
});
