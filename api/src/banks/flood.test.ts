import { LogEntry } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { onError } from '../errors';
import { bankRoutes } from '../routes/banks';
import { newRouter } from '../routes/router';
import { withTestApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';
import { BankMatcher } from './bank-matcher';
import { BankStore } from './bank-store';
import { FloodGuard } from './flood-guard';

const HOUR = 3_600_000;
const MD5 = '5d41402abc4b2a76b9719d911017c592';
const label = { category: 'terrorist_content', source: 'test list' };

describe('FloodGuard', () => {
  it('holds a signal whose hourly matches reach the minimum and exceed its usual rate tenfold', () => {
    let now = 1_000 * HOUR;
    const guard = new FloodGuard({ minMatches: 20, factor: 10, historyHours: 10, now: () => now });
    // A steady history: 5 matches an hour for 10 hours (usual rate 5/h).
    for (let h = 0; h < 10; h++, now += HOUR)
      for (let i = 0; i < 5; i++) expect(guard.record('s')).toBeNull();
    // 20 this hour is above the minimum but not ten times 5: no hold.
    for (let i = 0; i < 49; i++) expect(guard.record('s')).toBeNull();
    expect(guard.record('s')).toBeNull(); // 50 = 10 × 5, not above
    expect(guard.record('s')).toEqual({ lastHour: 51, usualPerHour: 5 });
  });

  it('never holds a signal below the minimum, however new', () => {
    const guard = new FloodGuard({ minMatches: 3, now: () => 0 });
    expect(guard.record('new')).toBeNull();
    expect(guard.record('new')).toBeNull();
    expect(guard.record('new')).toEqual({ lastHour: 3, usualPerHour: 0 });
  });
});

describe.each(storesUnderTest())('flood quarantine and match rate limit on %s', (kind) => {
  let t: TestApp;
  withTestApp(kind, async (app) => {
    t = app;
    const store = new BankStore(t.db, t.deps.sequencer);
    await store.create(null, { name: 'list', kind: 'positive', description: 'd' });
    await store.addSignals(null, 'list', [{ type: 'md5', value: MD5, label }]);
  });

  it('holds a flooding signal: stored, logged, exported as held, and no longer matched', async () => {
    const store = new BankStore(t.db, t.deps.sequencer);
    const matcher = new BankMatcher(store, new FloodGuard({ minMatches: 3 }));
    const query = [{ type: 'md5' as const, value: MD5 }];
    expect((await matcher.match(query)).matches).toHaveLength(1);
    expect((await matcher.match(query)).matches).toHaveLength(1);
    const third = await matcher.match(query);
    expect(third.matches).toEqual([]);
    expect(third.flooded).toHaveLength(1);
    await store.hold(third.flooded[0]!.id, { lastHour: 3, usualPerHour: 0 });
    // Another process's matcher (fresh copy) sees the hold too.
    const other = new BankMatcher(store, new FloodGuard());
    expect((await other.match(query)).matches).toEqual([]);
    const exported = await store.changes('list', undefined, 10);
    expect(exported.signals[0]).toMatchObject({ value: MD5, held: true, removed: false });
    const rows = await t.db.query<{ entry: string }>(
      `SELECT convert_from(data, 'UTF8') AS entry FROM log_entries`,
    );
    const held = rows
      .map((r) => LogEntry.parse(JSON.parse(r.entry)))
      .filter((e) => e.type === 'bank_signal_held');
    expect(held).toHaveLength(1);
    expect(held[0]?.details).toMatchObject({
      bank: 'list',
      count: 1,
      lastHour: 3,
      usualPerHour: 0,
    });
  });

  it('answers 429 with Retry-After once a token has spent its match requests, per token', async () => {
    const app = newRouter();
    app.onError(onError(() => undefined));
    app.use('*', async (c, next) => {
      c.set('client', 'test');
      await next();
    });
    app.route('/', bankRoutes(t.deps, { matchBurst: 2, matchPerSecond: 0.01 }));
    const call = (token: string) =>
      app.request('/v1/match', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ signals: [{ type: 'md5', value: MD5 }] }),
      });
    expect((await call(t.tokens.cso.token)).status).toBe(200);
    expect((await call(t.tokens.cso.token)).status).toBe(200);
    const limited = await call(t.tokens.cso.token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(t.tokens.auditor.token)).status).toBe(200);
  });
});
