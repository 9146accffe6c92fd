import { describe, expect, it } from 'vitest';
import { clientKey } from './client-address';
import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('spends a burst, refills at the rate, and peeks without spending', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 0.5, now: () => now });
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.peek('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.peek('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take('b')).toEqual({ ok: true });
    now = 1000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 2000;
    expect(buckets.take('a')).toEqual({ ok: true });
    now = 60_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].map((v) => v.ok)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const buckets = new TokenBuckets({
      capacity: 1,
      refillPerSecond: 0.001,
      maxClients: 2,
      now: () => 0,
    });
    buckets.take('a');
    buckets.take('b');
    buckets.take('c'); // forgets a
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('c').ok).toBe(false);
  });
});

describe('clientKey', () => {
  it('keeps IPv4 addresses and cuts IPv6 addresses to their /64', () => {
    expect(clientKey('192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::')).toBe('fe80:0:0:0::/64');
  });
});
