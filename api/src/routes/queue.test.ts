import { ErrorBody, Page, Report } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from './examples';

const QueuePage = Page(Report);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const submit = async (threatToLife: boolean) => {
  const body = { ...REPORT_EXAMPLE, assessment: { ...REPORT_EXAMPLE.assessment, threatToLife } };
  const response = await t.call('POST', '/v1/reports', { body });
  return Report.parse(await response.json());
};

describe('GET /v1/queue', () => {
  it('lists threats to life first, then oldest first, page by page, without decided reports', async () => {
    const submitted: Report[] = [];
    for (const threat of [false, true, false, false, true, false, false])
      submitted.push(await submit(threat));
    const decided = submitted[2]!;
    const decision = await t.decide(decided.id, {
      body: DECISION_EXAMPLE,
      token: t.tokens.senior,
    });
    expect(decision.status).toBe(201);

    const expected = [
      ...submitted.filter((r) => r.assessment.threatToLife),
      ...submitted.filter((r) => !r.assessment.threatToLife && r.id !== decided.id),
    ].map((r) => r.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await t.call(
        'GET',
        `/v1/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: t.tokens.reviewer2 },
      );
      expect(response.status).toBe(200);
      const page = QueuePage.parse(await response.json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it('refuses a forged cursor and an out-of-range limit, naming the parameter', async () => {
    let body = ErrorBody.parse(await (await t.call('GET', '/v1/queue?cursor=abc')).json());
    expect(body.issues?.[0]?.path).toBe('cursor');
    body = ErrorBody.parse(await (await t.call('GET', '/v1/queue?limit=0')).json());
    expect(body.issues?.[0]?.path).toBe('limit');
    body = ErrorBody.parse(await (await t.call('GET', '/v1/queue?limit=1001')).json());
    expect(body.issues?.[0]?.path).toBe('limit');
  });
});
