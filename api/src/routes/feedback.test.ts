import { ErrorBody, FalseFlagRates, FeedbackReceipt } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';
import { FEEDBACK_EXAMPLE } from './feedback';

let t: TestApp;
const batch = (id: string, counts = FEEDBACK_EXAMPLE.counts) => ({ batchId: id, counts });
const ID = (n: number) => `6f1c1a8e-4c1b-4e0c-9d3e-${String(n).padStart(12, '0')}`;

describe.each(storesUnderTest())('classifier feedback on %s', (kind) => {
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 60_000);
  afterAll(() => t.close());

  it('any token may send counts; a retried batch is counted once; rates per model version are public', async () => {
    for (const token of [t.tokens.reviewer, t.tokens.cso, t.tokens.auditor]) {
      const res = await t.call('POST', '/v1/feedback', { token, body: batch(ID(1)) });
      expect(res.status).toBe(200);
      expect(FeedbackReceipt.parse(await res.json()).counted).toBe(token === t.tokens.reviewer);
    }
    const second = await t.call('POST', '/v1/feedback', {
      body: batch(ID(2), [
        { ...FEEDBACK_EXAMPLE.counts[0]!, count: 8 },
        { ...FEEDBACK_EXAMPLE.counts[0]!, modelVersion: 'older-1', count: 1 },
      ]),
    });
    expect(second.status).toBe(200);
    const res = await t.call('GET', '/v1/transparency/false-flags', { token: null });
    expect(res.status).toBe(200);
    const { models } = FalseFlagRates.parse(await res.json());
    expect(models.find((m) => m.modelVersion === '2026-11-22T22:26')).toEqual({
      modelVersion: '2026-11-22T22:26',
      dismissed: 20,
      confirmed: 3,
      falseFlagRate: 20 / 23,
      firstDay: '2026-12-07',
      lastDay: '2026-12-07',
    });
    expect(models.find((m) => m.modelVersion === 'older-1')).toMatchObject({
      dismissed: 1,
      confirmed: 0,
      falseFlagRate: 1,
    });
  });

  it('refuses anything but counts, naming the field, and writes nothing', async () => {
    const before = await rowCounts(t.db);
    const feedbackBefore = await t.db.query('SELECT * FROM feedback_counts');
    for (const [patch, path] of [
      [{ text: 'They are vermin' }, 'counts.0'],
      [{ site: 'forum.example' }, 'counts.0'],
      [{ count: -1 }, 'counts.0.count'],
      [{ day: 'today' }, 'counts.0.day'],
    ] as const) {
      const res = await t.call('POST', '/v1/feedback', {
        body: batch(ID(9), [{ ...FEEDBACK_EXAMPLE.counts[0]!, ...patch }]),
      });
      expect(res.status).toBe(400);
      const body = ErrorBody.parse(await res.json());
      expect(body.issues?.map((i) => i.path)).toContain(path);
    }
    expect((await t.call('POST', '/v1/feedback', { token: null, body: batch(ID(9)) })).status).toBe(
      401,
    );
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await t.db.query('SELECT * FROM feedback_counts')).toEqual(feedbackBefore);
  });
});
