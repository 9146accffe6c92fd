import {
  AppealReceipt,
  computeTransparencyFigures,
  fromBase64,
  LogEntry,
  openCheckpoint,
  toBase64,
  TransparencyReport,
  TransparencySeries,
  type StatementOfReasons,
} from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from './examples';

requirePostgresOrWarn('transparency report');

describe.each(storesUnderTest())('transparency report on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

  async function decide(action: 'remove' | 'no_action') {
    const report = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
    const { id } = (await report.json()) as { id: string };
    const decided = await t.decide(id, {
      token: t.tokens.reviewer2,
      body: { ...DECISION_EXAMPLE, action, escalateThreatToLife: false },
    });
    expect(decided.status).toBe(201);
    return ((await decided.json()) as { statement: StatementOfReasons }).statement;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    const removed = await decide('remove');
    await decide('no_action');
    const modified = await decide('remove');
    // Filed and decided through the app's own public route: one removal reversed, one narrowed.
    for (const [statement, decision] of [
      [removed, { outcome: 'reversed', reasons: 'Journalism.' }],
      [
        modified,
        {
          outcome: 'modified',
          reasons: 'Illegal in France only.',
          action: 'disable_in_territory',
          territorialScope: ['FR'],
        },
      ],
    ] as const) {
      const filed = await t.call('POST', '/v1/appeals', {
        token: null,
        body: {
          appellant: 'content_provider',
          token: statement.x_appeal.token,
          grounds: 'It was a news report.',
        },
      });
      expect(filed.status).toBe(201);
      const { appealId } = AppealReceipt.parse(await filed.json());
      const decided = await t.call('POST', `/v1/appeals/${appealId}/decision`, {
        token: t.tokens.senior,
        body: decision,
      });
      expect(decided.status).toBe(200);
    }
    await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
  }, 120_000);
  afterAll(async () => t?.close());

  it('computes the figures from the log and names the published checkpoint', async () => {
    const res = await t.call('GET', `/v1/transparency/report?from=${from}&to=${to}`, {
      token: null,
    });
    expect(res.status).toBe(200);
    const report = TransparencyReport.parse(await res.json());
    const f = report.figures;
    expect(f.reports).toMatchObject({ received: 3, byDetection: { classifier: 3, person: 0 } });
    expect(f.decisions).toMatchObject({
      total: 3,
      actioned: 2,
      removedOrDisabled: 2,
      byAutomation: { not_automated: 3, not_stated: 0 },
      byTerritory: { worldwide: 2 },
    });
    expect(f.decisions.byTcoType.incitement).toBe(3);
    expect(f.appeals).toMatchObject({
      received: 2,
      decided: 2,
      outcomes: { reversed: 1, modified: 1 },
      decidedByOriginalDecider: 0,
      byAppellant: { content_provider: 2 },
    });
    // First decisions: two removals worldwide. After appeal: one reversed, one narrowed to FR.
    expect(f.decisions.byAction).toMatchObject({ remove: 2, no_action: 1 });
    expect(f.afterAppeal).toMatchObject({
      byAction: { remove: 0, no_action: 2, disable_in_territory: 1 },
      byTerritory: { FR: 1 },
      changedOnAppeal: 2,
    });
    expect(Object.keys(f.afterAppeal.byTerritory)).toEqual(['FR']);
    expect(f.reinstatements).toBe(1);
    expect(f.timings.reportToDecision.count).toBe(3);
    expect(f.timings.appealToOutcome.count).toBe(2);

    const note = await (await t.call('GET', '/v1/log/checkpoint', { token: null })).text();
    const key = (await (await t.call('GET', '/v1/log/key', { token: null })).text()).trim();
    const checkpoint = await openCheckpoint(note, key);
    expect(report.checkpoint).toEqual({
      treeSize: checkpoint.size,
      rootHash: toBase64(checkpoint.rootHash),
    });

    // An auditor's recomputation from the public entries alone gives the same figures.
    const page = (await (
      await t.call('GET', `/v1/log/entries?start=0&end=${report.checkpoint.treeSize}`, {
        token: null,
      })
    ).json()) as { entries: { data: string }[] };
    const entries = page.entries.map((e) =>
      LogEntry.parse(JSON.parse(new TextDecoder().decode(fromBase64(e.data)))),
    );
    expect(entries).toHaveLength(report.checkpoint.treeSize);
    expect(computeTransparencyFigures(entries, report.period)).toEqual(report.figures);
  });

  it('counts nothing in a period without events', async () => {
    const report = TransparencyReport.parse(
      await (
        await t.call('GET', '/v1/transparency/report?from=2020-01-01&to=2020-02-01', {
          token: null,
        })
      ).json(),
    );
    expect(report.figures.decisions.total).toBe(0);
    expect(report.figures.timings.reportToDecision).toEqual({
      count: 0,
      medianMs: null,
      p90Ms: null,
    });
  });

  it('answers a series per bucket whose sums match the report', async () => {
    const res = await t.call('GET', `/v1/transparency/series?from=${from}&to=${to}&bucket=day`, {
      token: null,
    });
    expect(res.status).toBe(200);
    const series = TransparencySeries.parse(await res.json());
    expect(series.points).toHaveLength(3);
    expect(series.points.reduce((n, p) => n + p.figures.decisions.total, 0)).toBe(3);
  });

  it('names the query field that is wrong', async () => {
    const cases: [string, string][] = [
      [`/v1/transparency/report?to=${to}`, 'query.from'],
      [`/v1/transparency/report?from=${from}&to=never`, 'query.to'],
      [`/v1/transparency/report?from=${to}&to=${from}`, 'query.to'],
      [`/v1/transparency/series?from=${from}&to=${to}&bucket=year`, 'bucket'],
    ];
    for (const [path, field] of cases) {
      const res = await t.call('GET', path, { token: null });
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { code: string; issues: { path: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.issues[0]?.path).toBe(field);
    }
  });
});
