import { createHash } from 'node:crypto';
import { ErrorBody } from '@counterweight/shared';
import { Target, TargetAggregates, TargetPage, ThemeGuidance } from '@counterweight/shared/target';
import { addWeeks, Trends } from '@counterweight/shared/trends';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';
import {
  CLAIM_EXAMPLE,
  CLOSE_EXAMPLE,
  GUIDANCE_EXAMPLE,
  OUTCOME_EXAMPLE,
  RESPONSE_EXAMPLE,
  TARGET_EXAMPLE,
} from '../targets/target-examples';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const body = (patch: Record<string, unknown> = {}) => {
  const excerpt = (patch.excerpt as string | undefined) ?? TARGET_EXAMPLE.excerpt;
  return { ...TARGET_EXAMPLE, excerptSha256: sha(excerpt), ...patch, excerpt };
};
const ZERO = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
const targetCounts = async () => {
  const [row] = await t.db.query<{ targets: number; keys: number; log: number }>(
    `SELECT (SELECT count(*)::int FROM targets) AS targets, (SELECT count(*)::int FROM target_idempotency_keys) AS keys,
            (SELECT count(*)::int FROM log_entries) AS log`,
  );
  return row;
};
const errorOf = async (res: Response) => ErrorBody.parse(await res.json());
const post = (path: string, b: unknown, headers: Record<string, string> = {}) =>
  t.call('POST', path, { token: t.tokens.cso, body: b, headers });
const create = async (patch: Record<string, unknown> = {}) => {
  const res = await post('/v1/targets', body(patch));
  expect(res.status).toBe(201);
  return Target.parse(await res.json());
};

describe.each(storesUnderTest())('target endpoints on %s', (kind) => {
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 60_000);
  afterAll(() => t.close());

  describe('who may call the target endpoints', () => {
    const endpoints: [string, string, unknown, string[]][] = [
      ['POST', '/v1/targets', body(), ['cso']],
      ['GET', '/v1/targets', undefined, ['cso']],
      ['GET', '/v1/targets.csv', undefined, ['cso']],
      ['GET', `/v1/targets/${ZERO}`, undefined, ['cso']],
      ['POST', `/v1/targets/${ZERO}/claim`, CLAIM_EXAMPLE, ['cso']],
      ['POST', `/v1/targets/${ZERO}/responses`, RESPONSE_EXAMPLE, ['cso']],
      ['POST', `/v1/targets/${ZERO}/outcomes`, OUTCOME_EXAMPLE, ['cso']],
      ['POST', `/v1/targets/${ZERO}/close`, CLOSE_EXAMPLE, ['cso']],
      ['GET', '/v1/targets/aggregates', undefined, ['cso', 'auditor']],
      ['GET', '/v1/targets/trends', undefined, ['cso', 'auditor']],
      ['GET', '/v1/guidance', undefined, ['cso', 'admin']],
      ['PUT', '/v1/guidance/other', GUIDANCE_EXAMPLE, ['admin']],
    ];
    const roles = {
      reviewer: 'reviewer',
      senior: 'senior_reviewer',
      cso: 'cso',
      auditor: 'auditor',
      admin: 'admin',
    } as const;

    it.each(endpoints)(
      '%s %s: 401 without a token, 403 for other roles, with any body',
      async (method, path, b, allowed) => {
        const before = await targetCounts();
        expect((await t.call(method, path, { token: null, body: b })).status).toBe(401);
        expect((await t.call(method, path, { token: 'cw_not-a-token', body: b })).status).toBe(401);
        for (const [key, role] of Object.entries(roles)) {
          if (allowed.includes(role)) continue;
          for (const sent of method === 'GET' ? [undefined] : [b, { nonsense: true }]) {
            const res = await t.call(method, path, {
              token: t.tokens[key as keyof typeof roles],
              body: sent,
            });
            expect(res.status, `${role} ${method} ${path}`).toBe(403);
            expect((await errorOf(res)).code).toBe('forbidden');
          }
        }
        expect(await targetCounts()).toEqual(before);
      },
    );
  });

  describe('POST /v1/targets', () => {
    it('stores a target with its guidance and replays an idempotent retry', async () => {
      const key = { 'idempotency-key': 'outbox-entry-1' };
      const first = await post('/v1/targets', body(), key);
      expect(first.status).toBe(201);
      const target = Target.parse(await first.json());
      expect(first.headers.get('location')).toBe(`/v1/targets/${target.id}`);
      expect(target).toMatchObject({
        status: 'open',
        theme: 'dehumanisation_us_vs_them',
        group: 'migrants',
        source: 'flag',
      });
      expect(target.guidance.points.join(' ')).toMatch(/we against them/);

      const before = await targetCounts();
      const again = await post('/v1/targets', body(), key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(Target.parse(await again.json()).id).toBe(target.id);
      const conflict = await post('/v1/targets', body({ excerpt: 'something else' }), key);
      expect(conflict.status).toBe(409);
      expect(await targetCounts()).toEqual(before);
    });

    it.each([
      ['excerptSha256', body({ excerptSha256: 'b'.repeat(64) })],
      ['theme', body({ theme: 'terrorism' })],
      ['group', body({ group: 'bankers' })],
      ['reach.views', body({ reach: { views: -3 } })],
      ['url', body({ url: 'ftp://x.example/1' })],
      ['capturedAt', body({ capturedAt: '2999-01-01T00:00:00Z' })],
      ['excerpt', body({ excerpt: 'x'.repeat(10_001) })],
      ['body', body({ removal: 'please' })],
      ['body', []],
    ])('refuses bad input precisely, naming %s', async (path, sent) => {
      const before = await targetCounts();
      const res = await post('/v1/targets', sent);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(error.issues?.map((i) => i.path)).toContain(path);
      expect(await targetCounts()).toEqual(before);
    });

    it('refuses a body that is not JSON, and a bad Idempotency-Key', async () => {
      expect(
        (
          await t.call('POST', '/v1/targets', {
            token: t.tokens.cso,
            body: '{"url":',
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('POST', '/v1/targets', {
            token: t.tokens.cso,
            body: 'a=b',
            headers: { 'content-type': 'text/plain' },
          })
        ).status,
      ).toBe(415);
      const res = await post('/v1/targets', body(), { 'idempotency-key': 'has space' });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path).toBe('Idempotency-Key');
    });

    it('never answers 5xx nor half-writes, whatever the body', async () => {
      const before = await targetCounts();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.anything(),
            fc.record(
              { ...Object.fromEntries(Object.keys(TARGET_EXAMPLE).map((k) => [k, fc.anything()])) },
              { requiredKeys: [] },
            ),
            fc
              .record({
                theme: fc.string(),
                group: fc.string(),
                excerpt: fc.string(),
                reach: fc.object(),
              })
              .map((p) => ({ ...body(), ...p })),
          ),
          async (sent) => {
            const res = await post('/v1/targets', sent === undefined ? null : sent);
            expect(res.status).toBeLessThan(500);
            if (res.status !== 201) expect(res.status).toBeGreaterThanOrEqual(400);
          },
        ),
        { numRuns: 150 },
      );
      const after = await targetCounts();
      expect(after!.targets - before!.targets).toBe(after!.log - before!.log);
    });
  });

  describe('the board and the lifecycle', () => {
    it('claims, records a response and its outcome, closes, and refuses steps out of order', async () => {
      const target = await create({ excerpt: 'Lifecycle target' });
      const at = (step: string) => `/v1/targets/${target.id}/${step}`;

      expect((await post(at('responses'), RESPONSE_EXAMPLE)).status).toBe(409);
      expect((await post(`/v1/targets/${ZERO}/claim`, {})).status).toBe(404);
      expect((await t.call('GET', '/v1/targets/not-a-uuid', { token: t.tokens.cso })).status).toBe(
        400,
      );

      const claimed = Target.parse(await (await post(at('claim'), {})).json());
      expect(claimed.claim?.assignee).toBe('CSO D');
      const bad = await post(at('responses'), { ...RESPONSE_EXAMPLE, kind: 'rebuttal' });
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).issues?.map((i) => i.path)).toEqual(['kind']);

      const responded = Target.parse(await (await post(at('responses'), RESPONSE_EXAMPLE)).json());
      expect(responded.status).toBe('responded');
      const responseId = responded.responses[0]!.id;
      const noFigures = await post(at('outcomes'), {
        responseId,
        measuredOn: '2026-11-30',
        figures: {},
      });
      expect((await errorOf(noFigures)).issues?.map((i) => i.path)).toEqual(['figures.awareness']);
      const wrongResponse = await post(at('outcomes'), OUTCOME_EXAMPLE);
      expect((await errorOf(wrongResponse)).issues?.map((i) => i.path)).toEqual(['responseId']);
      const measured = Target.parse(
        await (await post(at('outcomes'), { ...OUTCOME_EXAMPLE, responseId })).json(),
      );
      expect(measured.outcomes[0]?.figures.awareness.reach).toBe(64000);

      const closed = await post(at('close'), { reason: 'answered' });
      expect(Target.parse(await closed.json()).status).toBe('closed');
      const reopened = await post(at('claim'), {});
      expect(reopened.status).toBe(409);
      expect((await errorOf(reopened)).message).toMatch(/closed/);

      const got = Target.parse(
        await (await t.call('GET', `/v1/targets/${target.id}`, { token: t.tokens.cso })).json(),
      );
      expect(got).toMatchObject({ status: 'closed', closure: { reason: 'answered' } });
    });

    it('filters and pages the board, and names a bad filter', async () => {
      for (let i = 0; i < 5; i++)
        await create({
          excerpt: `page ${i}`,
          group: 'lgbtq',
          language: 'pl',
          capturedAt: new Date(Date.UTC(2026, 5, 1 + i)).toISOString(),
        });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.call(
          'GET',
          `/v1/targets?group=lgbtq&language=pl&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token: t.tokens.cso },
        );
        const page = TargetPage.parse(await res.json());
        seen.push(...page.items.map((x) => x.excerpt));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['page 4', 'page 3', 'page 2', 'page 1', 'page 0']);
      const window = TargetPage.parse(
        await (
          await t.call(
            'GET',
            '/v1/targets?group=lgbtq&from=2026-06-02T00:00:00Z&to=2026-06-04T00:00:00Z&status=open',
            { token: t.tokens.cso },
          )
        ).json(),
      );
      expect(window.items.map((x) => x.excerpt)).toEqual(['page 2', 'page 1']);

      for (const [query, path] of [
        ['status=pending', 'status.0'],
        ['theme=other,nope', 'theme.1'],
        ['from=yesterday', 'from'],
        ['limit=1000', 'limit'],
        ['cursor=abc', 'cursor'],
        ['colour=red', 'colour'],
      ]) {
        const res = await t.call('GET', `/v1/targets?${query}`, { token: t.tokens.cso });
        expect(res.status, query).toBe(400);
        const issues = (await errorOf(res)).issues?.map((i) => i.path) ?? [];
        expect(
          issues.some((p) => p.includes(path!) || p === 'body'),
          `${query}: ${issues.join()}`,
        ).toBe(true);
      }
    });

    it('exports CSV safe against formula injection', async () => {
      await create({
        excerpt: '=HYPERLINK("https://evil.example","click")',
        platform: 'csv.example',
      });
      for (const path of [
        '/v1/targets.csv?platform=csv.example',
        '/v1/targets?platform=csv.example&format=csv',
      ]) {
        const res = await t.call('GET', path, { token: t.tokens.cso });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
        const [header, row, end] = (await res.text()).split('\r\n');
        expect(header?.split(',').slice(0, 4)).toEqual([
          'reference',
          'id',
          'captured_at',
          'status',
        ]);
        expect(row).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
        expect(end).toBe('');
      }
    });
  });

  describe('aggregates, trends and guidance', () => {
    it('gives auditors counts only', async () => {
      const res = await t.call('GET', '/v1/targets/aggregates', { token: t.tokens.auditor });
      const aggregates = TargetAggregates.parse(await res.json());
      expect(aggregates.total).toBe((await targetCounts())!.targets);
      expect(aggregates.byGroup.lgbtq).toBe(5);
      expect(aggregates.responses.alternative).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(aggregates)).not.toMatch(/HYPERLINK|Lifecycle|social\.example\/posts/);
      expect(
        (await t.call('GET', '/v1/targets/aggregates?from=soon', { token: t.tokens.auditor }))
          .status,
      ).toBe(400);
    });

    it('marks a spike in a generated series and not in a flat one', async () => {
      const first = '2025-01-06'; // a Monday
      const weeks = Array.from({ length: 14 }, (_, i) => addWeeks(first, i));
      for (const [i, week] of weeks.entries()) {
        const rising = i === 12 ? 12 : 1 + (i % 2);
        for (let k = 0; k < rising; k++)
          await create({
            excerpt: `rising ${i}.${k}`,
            theme: 'conspiracy_against_group',
            group: 'jews',
            language: 'fr',
            capturedAt: `${week}T1${k % 10}:00:00Z`,
          });
        for (let k = 0; k < 2; k++)
          await create({
            excerpt: `flat ${i}.${k}`,
            theme: 'grievance_exploitation',
            group: 'muslims',
            language: 'fr',
            capturedAt: `${week}T0${k}:30:00Z`,
          });
      }
      const res = await t.call(
        'GET',
        `/v1/targets/trends?from=${weeks[8]}T00:00:00Z&to=${weeks[13]}T00:00:00Z`,
        { token: t.tokens.auditor },
      );
      const trends = Trends.parse(await res.json());
      expect(trends.periods).toEqual(weeks.slice(8));
      expect(trends.spikes).toEqual([
        {
          period: weeks[12],
          theme: 'conspiracy_against_group',
          group: 'jews',
          language: 'fr',
          count: 12,
        },
      ]);
      const flat = trends.series.find((s) => s.group === 'muslims');
      expect(flat?.points.map((p) => [p.count, p.spike])).toEqual(
        weeks.slice(8).map(() => [2, false]),
      );

      const byGroup = Trends.parse(
        await (
          await t.call(
            'GET',
            `/v1/targets/trends?by=group&from=${weeks[8]}T00:00:00Z&to=${weeks[13]}T00:00:00Z`,
            { token: t.tokens.cso },
          )
        ).json(),
      );
      expect(byGroup.series.map((s) => [s.theme, s.group, s.language])).toEqual([
        [null, 'jews', null],
        [null, 'muslims', null],
      ]);

      // the same targets per month: the 14 weeks from 2025-01-06 fall in January to April
      const monthly = Trends.parse(
        await (
          await t.call(
            'GET',
            `/v1/targets/trends?by=group&interval=month&from=2025-01-01T00:00:00Z&to=2025-04-30T00:00:00Z`,
            { token: t.tokens.cso },
          )
        ).json(),
      );
      expect(monthly.interval).toBe('month');
      expect(monthly.periods).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01']);
      const muslims = monthly.series.find((s) => s.group === 'muslims');
      expect(muslims?.total).toBe(28);
      expect(muslims?.points.map((p) => p.count)).toEqual([8, 8, 10, 2]);
      const daily = Trends.parse(
        await (
          await t.call(
            'GET',
            `/v1/targets/trends?by=group&interval=day&from=${weeks[12]}T00:00:00Z&to=${weeks[12]}T23:00:00Z`,
            { token: t.tokens.cso },
          )
        ).json(),
      );
      expect(daily.periods).toEqual([weeks[12]]);
      expect(daily.series.map((s) => [s.group, s.total])).toEqual([
        ['jews', 12],
        ['muslims', 2],
      ]);

      for (const [query, path] of [
        ['by=colour', 'by.0'],
        ['interval=year', 'interval'],
        ['interval=day&from=2024-01-01T00:00:00Z&to=2025-06-01T00:00:00Z', 'from'],
        ['from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'from'],
        ['from=2000-01-01T00:00:00Z', 'from'],
      ]) {
        const bad = await t.call('GET', `/v1/targets/trends?${query}`, { token: t.tokens.cso });
        expect(bad.status, query).toBe(400);
        expect((await errorOf(bad)).issues?.map((i) => i.path)).toContain(path);
      }
    });

    it('lets an admin edit the guidance shown with every target of a theme', async () => {
      const put = (token: TestApp['tokens'][keyof TestApp['tokens']], theme: string, b: unknown) =>
        t.call('PUT', `/v1/guidance/${theme}`, { token, body: b });
      expect((await put(t.tokens.cso, 'other', GUIDANCE_EXAMPLE)).status).toBe(403);
      const badTheme = await put(t.tokens.admin, 'terrorism', GUIDANCE_EXAMPLE);
      expect((await errorOf(badTheme)).issues?.map((i) => i.path)).toEqual(['theme']);
      const empty = await put(t.tokens.admin, 'recruitment_belonging', { points: [] });
      expect((await errorOf(empty)).issues?.map((i) => i.path)).toEqual(['points']);

      const ok = await put(t.tokens.admin, 'recruitment_belonging', {
        points: ['Point to exit services.', 'Do not shame.'],
      });
      expect(ThemeGuidance.parse(await ok.json()).points).toHaveLength(2);
      const target = await create({ theme: 'recruitment_belonging', excerpt: 'Join us, brother.' });
      expect(target.guidance.points).toEqual(['Point to exit services.', 'Do not shame.']);
      const all = ThemeGuidance.array().parse(
        await (await t.call('GET', '/v1/guidance', { token: t.tokens.cso })).json(),
      );
      expect(all).toHaveLength(7);
    });

    it('documents the endpoints in the OpenAPI document with valid examples', async () => {
      const doc = (await (await t.call('GET', '/openapi.json', { token: null })).json()) as {
        paths: Record<string, unknown>;
      };
      for (const path of [
        '/v1/targets',
        '/v1/targets.csv',
        '/v1/targets/{id}/claim',
        '/v1/targets/trends',
        '/v1/guidance/{theme}',
      ])
        expect(doc.paths).toHaveProperty([path]);
    });
  });
});
