import { afterAll, beforeAll } from 'vitest';
import { clockedOrderApp } from '../orders/clocked-order-app';
import { createTestApp, type TestApp } from './test-app';
import type { StoreKind } from './test-db';

/**
 * For the tests of one `describe`: a test app (one token per role) over store `kind`, created
 * before them and handed to `ready` (which may set up more, a bank, a report), closed after them.
 */
export function withTestApp(
  kind: StoreKind,
  ready: (t: TestApp) => void | Promise<void>,
  timeoutMs = 120_000,
): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await ready(t);
  }, timeoutMs);
  afterAll(async () => t?.close());
}

/** A clock tests move by hand: `ms` is the time now, in milliseconds since the epoch. */
export interface TestClock {
  ms: number;
  now: () => Date;
}

/** A {@link TestClock} at `start` (by default 2026-12-07, 10:00 UTC, the orders' examples' day). */
export function testClock(start = '2026-12-07T10:00:00.000Z'): TestClock {
  const clock: TestClock = { ms: Date.parse(start), now: () => new Date(clock.ms) };
  return clock;
}

/**
 * {@link withTestApp} for the removal-order tests: the app, and a `call` to its order, appeal,
 * queue and report routes on the returned clock (default token: the liaison), handed to `ready`.
 */
export function withClockedOrderApp(
  kind: StoreKind,
  ready: (t: TestApp, call: TestApp['call']) => void,
): TestClock {
  const clock = testClock();
  withTestApp(kind, (t) => ready(t, clockedOrderApp(t, clock.now)));
  return clock;
}
