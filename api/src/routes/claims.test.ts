import { ClaimLease, ErrorBody, Page, Report, ReportStatusList } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { decodeLogEntry } from '../transparency/log-reader';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from './examples';
import { QueueSummary } from './queue';
import { ReportWithProgress } from './reports';

requirePostgresOrWarn('claims');

describe.each(storesUnderTest())('claims and progress on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  const submit = async () =>
    Report.parse(await (await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE })).json());
  const queueIds = async (token = t.tokens.reviewer2) =>
    Page(Report)
      .parse(await (await t.call('GET', '/v1/queue?limit=1000', { token })).json())
      .items.map((r) => r.id);
  const caseEntries = async (reportId: string) =>
    (await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx'))
      .map((row) => decodeLogEntry(row.data))
      .filter((e) => e.reportId === reportId);
  const progress = async (id: string) =>
    ReportWithProgress.parse(await (await t.call('GET', `/v1/reports/${id}`)).json()).progress;

  it('gives a 15-minute lease, hides the case from others, and refuses a second claimant', async () => {
    const report = await submit();
    const before = Date.now();
    const claimed = await t.call('POST', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.reviewer2,
    });
    expect(claimed.status).toBe(200);
    const lease = ClaimLease.parse(await claimed.json());
    expect(lease.caseNumber).toBe(report.caseNumber);
    const minutes = (Date.parse(lease.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThan(15.1);

    expect(await queueIds(t.tokens.reviewer2)).toContain(report.id);
    expect(await queueIds(t.tokens.senior)).not.toContain(report.id);
    expect(await progress(report.id)).toEqual({ state: 'claimed' });

    const other = await t.call('POST', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.senior,
    });
    expect(other.status).toBe(409);
    expect(ErrorBody.parse(await other.json()).code).toBe('conflict');

    // the holder renews; the submitter may not claim (four eyes)
    const renewed = await t.call('POST', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.reviewer2,
    });
    expect(ClaimLease.parse(await renewed.json()).claimedAt).toBe(lease.claimedAt);
    const own = await t.call('POST', `/v1/reports/${report.id}/claim`);
    expect(ErrorBody.parse(await own.json()).code).toBe('four_eyes');
  });

  it('refuses a decision without the claim with 409 claim_required, leaving nothing behind', async () => {
    const report = await submit();
    const before = await rowCounts(t.db);
    const unclaimed = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      token: t.tokens.reviewer2,
      body: DECISION_EXAMPLE,
    });
    expect(unclaimed.status).toBe(409);
    expect(ErrorBody.parse(await unclaimed.json()).code).toBe('claim_required');

    await t.call('POST', `/v1/reports/${report.id}/claim`, { token: t.tokens.senior });
    const notMine = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      token: t.tokens.reviewer2,
      body: DECISION_EXAMPLE,
    });
    expect(notMine.status).toBe(409);
    const body = ErrorBody.parse(await notMine.json());
    expect(body.code).toBe('claim_required');
    expect(body.message).toContain('another reviewer');
    const after = await rowCounts(t.db);
    expect({ ...after, log_entries: 0 }).toEqual({ ...before, log_entries: 0 });
    expect(after.log_entries).toBe(before.log_entries! + 1); // the senior's claim only

    const decided = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      token: t.tokens.senior,
      body: DECISION_EXAMPLE,
    });
    expect(decided.status).toBe(201);
    const [claim] = await t.db.query('SELECT 1 FROM report_claims WHERE report_id = $1', [
      report.id,
    ]);
    expect(claim).toBeUndefined(); // released by the decision
  });

  it('lets another reviewer claim once the lease has expired, and releases on DELETE', async () => {
    const report = await submit();
    await t.call('POST', `/v1/reports/${report.id}/claim`, { token: t.tokens.reviewer2 });
    const expiredBefore = Date.now();
    await t.db.query(
      `UPDATE report_claims SET expires_at = now() - interval '1 second' WHERE report_id = $1`,
      [report.id],
    );
    expect(await queueIds(t.tokens.senior)).toContain(report.id);
    const late = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      token: t.tokens.reviewer2,
      body: DECISION_EXAMPLE,
    });
    expect(ErrorBody.parse(await late.json()).message).toContain('expired');
    const taken = await t.call('POST', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.senior,
    });
    expect(taken.status).toBe(200);

    const notHeld = await t.call('DELETE', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.reviewer2,
    });
    expect(notHeld.status).toBe(404);
    const released = await t.call('DELETE', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.senior,
    });
    expect(released.status).toBe(204);
    expect(await progress(report.id)).toEqual({ state: 'waiting' });

    const entries = (await caseEntries(report.id)).slice(-4);
    expect(entries.map((e) => e.type)).toEqual([
      'case_claimed',
      'claim_expired',
      'case_claimed',
      'claim_released',
    ]);
    const [first, expired, taken2] = entries;
    // The expired holder, and when their lease ran out, logged before the takeover.
    expect(expired!.actor).toBe(first!.actor);
    expect(expired!.actor).not.toBe(taken2!.actor);
    const expiredAt = Date.parse(String(expired!.details.leaseExpiredAt));
    expect(expiredAt).toBeGreaterThan(expiredBefore - 5_000);
    expect(expiredAt).toBeLessThan(Date.parse(expired!.at));
    expect(expired).toMatchObject({ reportId: report.id, caseNumber: report.caseNumber });
  });

  it('logs the expiry when the holder claims again or releases after their lease ran out', async () => {
    const report = await submit();
    const expire = () =>
      t.db.query(
        `UPDATE report_claims SET expires_at = now() - interval '1 second' WHERE report_id = $1`,
        [report.id],
      );
    await t.call('POST', `/v1/reports/${report.id}/claim`, { token: t.tokens.reviewer2 });
    await expire();
    const again = await t.call('POST', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.reviewer2,
    });
    expect(again.status).toBe(200);
    // A renewal of a lease still running logs nothing.
    await t.call('POST', `/v1/reports/${report.id}/claim`, { token: t.tokens.reviewer2 });
    await expire();
    const released = await t.call('DELETE', `/v1/reports/${report.id}/claim`, {
      token: t.tokens.reviewer2,
    });
    expect(released.status).toBe(204);
    const entries = await caseEntries(report.id);
    expect(entries.map((e) => e.type)).toEqual([
      'report_received',
      'case_claimed',
      'claim_expired',
      'case_claimed',
      'claim_expired',
      'claim_released',
    ]);
    expect(new Set(entries.slice(1).map((e) => e.actor)).size).toBe(1);
    // A refused late decision writes nothing, its expiry included.
    await t.call('POST', `/v1/reports/${report.id}/claim`, { token: t.tokens.reviewer2 });
    await expire();
    const late = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      token: t.tokens.reviewer2,
      body: DECISION_EXAMPLE,
    });
    expect(late.status).toBe(409);
    expect((await caseEntries(report.id)).length).toBe(entries.length + 1);
  });

  it('counts the queue and tells the submitter how each of their reports stands', async () => {
    const summary = QueueSummary.parse(
      await (await t.call('GET', '/v1/queue/summary', { token: t.tokens.senior })).json(),
    );
    expect(summary.waiting).toBeGreaterThan(0);
    expect(summary.oldestReceivedAt).not.toBeNull();

    const waiting = await submit();
    const decided = await submit();
    await t.decide(decided.id, { token: t.tokens.reviewer2, body: DECISION_EXAMPLE });
    const byOther = Report.parse(
      await (
        await t.call('POST', '/v1/reports', { token: t.tokens.reviewer2, body: REPORT_EXAMPLE })
      ).json(),
    );
    const answer = await t.call('POST', '/v1/reports/status', {
      body: { ids: [waiting.id, decided.id, byOther.id] },
    });
    expect(answer.status).toBe(200);
    const { reports } = ReportStatusList.parse(await answer.json());
    expect(reports.map((r) => r.id).sort()).toEqual([waiting.id, decided.id].sort());
    expect(reports.find((r) => r.id === waiting.id)).toMatchObject({ state: 'waiting' });
    expect(reports.find((r) => r.id === decided.id)).toMatchObject({
      state: 'decided',
      action: DECISION_EXAMPLE.action,
      caseNumber: decided.caseNumber,
    });
    expect(reports.find((r) => r.id === decided.id)?.statementUrl).toMatch(
      /^\/v1\/decisions\/[0-9a-f-]{36}\/statement$/,
    );

    const bad = await t.call('POST', '/v1/reports/status', { body: { ids: ['nope'] } });
    expect(ErrorBody.parse(await bad.json()).issues?.[0]?.path).toBe('ids.0');
  });

  it('filters the queue by category, language, detection source and age', async () => {
    const report = await submit();
    const query = async (q: string) =>
      Page(Report)
        .parse(
          await (
            await t.call('GET', `/v1/queue?limit=1000&${q}`, { token: t.tokens.senior })
          ).json(),
        )
        .items.map((r) => r.id);
    const { category } = REPORT_EXAMPLE.assessment;
    const { language } = REPORT_EXAMPLE.content;
    expect(await query(`category=${category}&language=${language}`)).toContain(report.id);
    expect(await query(`language=${language === 'de' ? 'fr' : 'de'}`)).not.toContain(report.id);
    expect(await query(`detectedBy=${REPORT_EXAMPLE.detectedBy}`)).toContain(report.id);
    expect(await query('minAgeHours=1')).not.toContain(report.id);
    const bad = await t.call('GET', '/v1/queue?category=murder', { token: t.tokens.senior });
    expect(ErrorBody.parse(await bad.json()).issues?.[0]?.path).toBe('category');
  });
});
