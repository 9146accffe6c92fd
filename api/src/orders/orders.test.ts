import {
  AnnexII,
  AnnexIII,
  computeTransparencyFigures,
  ErrorBody,
  LogEntry,
  Order,
  OrderList,
  Page,
  Report,
  TransparencyReport,
} from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { REPORT_EXAMPLE } from '../routes/examples';
import { withClockedOrderApp } from '../testing/app-fixture';
import { rowCounts, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { ORDER_EXAMPLE, ORDER_NOT_EXECUTED_EXAMPLE } from './order-examples';

requirePostgresOrWarn('removal orders');

const MINUTE = 60_000;
const QueuePage = Page(Report).extend({ orders: Order.array() });

describe.each(storesUnderTest())('removal orders on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  let call: TestApp['call'];
  const clock = withClockedOrderApp(kind, (app, clocked) => {
    t = app;
    call = clocked;
  });
  const now = clock.now;

  /** Receives an order at the clock's time; returns it as answered. */
  async function receive(overrides: Record<string, unknown> = {}) {
    const response = await call('POST', '/v1/orders', { body: { ...ORDER_EXAMPLE, ...overrides } });
    expect(response.status).toBe(201);
    return Order.parse(await response.json());
  }

  const decide = (id: string, body: unknown, token = t.tokens.reviewer) =>
    call('POST', `/v1/orders/${id}/decision`, { token, body });

  const logEntries = async () =>
    (await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')).map(
      (row) => LogEntry.parse(JSON.parse(Buffer.from(row.data).toString('utf8'))),
    );

  it('starts the hour at the server’s receipt and heads the queue ahead of threats to life', async () => {
    const threat = {
      ...REPORT_EXAMPLE,
      assessment: { ...REPORT_EXAMPLE.assessment, threatToLife: true },
    };
    expect(
      (await call('POST', '/v1/reports', { token: t.tokens.reviewer, body: threat })).status,
    ).toBe(201);
    const order = await receive({ reference: 'HEAD-1' });
    expect(order.receivedAt).toBe(now().toISOString());
    expect(Date.parse(order.deadline) - Date.parse(order.receivedAt)).toBe(60 * MINUTE);
    expect(order.status).toBe('open');
    const queue = QueuePage.parse(
      await (await call('GET', '/v1/queue', { token: t.tokens.reviewer2 })).json(),
    );
    expect(queue.orders.map((o) => o.id)).toContain(order.id);
    expect(queue.items.length).toBeGreaterThan(0);
    expect(
      (await decide(order.id, { outcome: 'removed', effectiveAt: now().toISOString() })).status,
    ).toBe(200);
  });

  it('counts removal at 59 minutes as in time and at 61 as late, and never hides the breach', async () => {
    const onTime = await receive({ reference: 'CLOCK-59' });
    const late = await receive({ reference: 'CLOCK-61' });
    const start = clock.ms;
    clock.ms = start + 59 * MINUTE;
    let response = await decide(onTime.id, {
      outcome: 'removed',
      effectiveAt: now().toISOString(),
    });
    expect(response.status).toBe(200);
    expect(Order.parse(await response.json()).deadlineMissed).toBe(false);

    clock.ms = start + 61 * MINUTE;
    // Open past the deadline: already counted as missed before anyone decides.
    const listed = OrderList.parse(await (await call('GET', '/v1/orders?status=open')).json());
    expect(listed.orders.find((o) => o.id === late.id)?.deadlineMissed).toBe(true);
    expect(listed.deadlinesMissed).toBeGreaterThanOrEqual(1);

    response = await decide(late.id, { outcome: 'disabled', effectiveAt: now().toISOString() });
    expect(response.status).toBe(200);
    const decided = Order.parse(await response.json());
    expect(decided.status).toBe('executed');
    expect(decided.deadlineMissed).toBe(true);

    const all = OrderList.parse(await (await call('GET', '/v1/orders?status=executed')).json());
    expect(all.orders.find((o) => o.id === late.id)?.deadlineMissed).toBe(true);
    expect(all.orders.find((o) => o.id === onTime.id)?.deadlineMissed).toBe(false);

    const decisions = (await logEntries()).filter((e) => e.type === 'order_decided');
    const byOrder = new Map(decisions.map((e) => [e.details.orderId, e.details]));
    expect(byOrder.get(onTime.id)?.inTime).toBe(true);
    expect(byOrder.get(late.id)?.inTime).toBe(false);
  });

  it('answers Annex II with the reference and the times, as JSON and as a printable page', async () => {
    const order = await receive({ reference: 'ANNEX-II-7' });
    const receivedAt = clock.ms;
    clock.ms += 20 * MINUTE;
    const effectiveAt = new Date(clock.ms - 2 * MINUTE).toISOString();
    expect((await decide(order.id, { outcome: 'removed', effectiveAt })).status).toBe(200);
    const response = await call('GET', `/v1/orders/${order.id}/annex-ii`);
    expect(response.status).toBe(200);
    const annex = AnnexII.parse(await response.json());
    expect(annex).toMatchObject({
      reference: 'ANNEX-II-7',
      receivedAt: new Date(receivedAt).toISOString(),
      deadline: new Date(receivedAt + 60 * MINUTE).toISOString(),
      effectiveAt,
      action: 'removed',
      withinOneHour: true,
    });
    const page = await call('GET', `/v1/orders/${order.id}/annex-ii`, {
      headers: { accept: 'text/html' },
    });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('ANNEX-II-7');
    expect(html).toContain(`${effectiveAt.slice(0, 10)} ${effectiveAt.slice(11, 19)} UTC`);
    // Annex III does not answer an executed order.
    expect((await call('GET', `/v1/orders/${order.id}/annex-iii`)).status).toBe(409);
  });

  it('answers Annex III with the reason, and does not count it as a missed hour', async () => {
    const order = await receive({ reference: 'ANNEX-III-9' });
    expect((await call('GET', `/v1/orders/${order.id}/annex-iii`)).status).toBe(409); // still open
    clock.ms += 10 * MINUTE;
    const response = await decide(order.id, ORDER_NOT_EXECUTED_EXAMPLE);
    expect(response.status).toBe(200);
    const decided = Order.parse(await response.json());
    expect(decided).toMatchObject({ status: 'not_executed', deadlineMissed: false });
    const annex = AnnexIII.parse(
      await (await call('GET', `/v1/orders/${order.id}/annex-iii`)).json(),
    );
    expect(annex).toMatchObject({
      reference: 'ANNEX-III-9',
      reason: 'insufficient_information',
      explanation: ORDER_NOT_EXECUTED_EXAMPLE.explanation,
      receivedAt: order.receivedAt,
      deadline: order.deadline,
    });
    const html = await (
      await call('GET', `/v1/orders/${order.id}/annex-iii`, { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('ANNEX-III-9');
    expect(html).toContain('does not contain sufficient information');
    expect((await call('GET', `/v1/orders/${order.id}/annex-ii`)).status).toBe(409);
  });

  it('refuses a second decision, the receiver deciding, and an effect in the future', async () => {
    const order = await receive({ reference: 'REFUSE-1' });
    const future = new Date(clock.ms + MINUTE).toISOString();
    let response = await decide(order.id, { outcome: 'removed', effectiveAt: future });
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).issues?.[0]?.path).toBe('effectiveAt');

    // The admin received nothing here, but a reviewer named like the liaison is the same person.
    const sameName = await t.call('POST', '/v1/tokens', {
      token: t.tokens.admin,
      body: { role: 'reviewer', name: 'Liaison G' },
    });
    const twin = (await sameName.json()) as { token: string };
    response = await decide(order.id, ORDER_NOT_EXECUTED_EXAMPLE, twin as never);
    expect(response.status).toBe(403);
    expect(ErrorBody.parse(await response.json()).code).toBe('four_eyes');

    expect((await decide(order.id, ORDER_NOT_EXECUTED_EXAMPLE)).status).toBe(200);
    response = await decide(order.id, ORDER_NOT_EXECUTED_EXAMPLE, t.tokens.senior);
    expect(response.status).toBe(409);
  });

  it('refuses bad Annex I fields with a 400 naming each, writing nothing', async () => {
    const before = await rowCounts(t.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ memberState: 'Germany' }, 'memberState'],
      [{ contentUrl: 'not a url' }, 'contentUrl'],
      [{ tcoType: 'propaganda' }, 'tcoType'],
      [{ issuedAt: 'yesterday' }, 'issuedAt'],
      [{ reference: '' }, 'reference'],
      [{ confidentialUntil: undefined }, 'confidentialUntil'],
      [{ unknownField: 1 }, 'body'],
    ];
    for (const [override, path] of cases) {
      const response = await call('POST', '/v1/orders', {
        body: { ...ORDER_EXAMPLE, ...override },
      });
      expect(response.status, path).toBe(400);
      expect(ErrorBody.parse(await response.json()).issues?.[0]?.path).toBe(path);
    }
    const bad = await decide('3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10', { outcome: 'burned' });
    expect(ErrorBody.parse(await bad.json()).issues?.[0]?.path).toBe('outcome');
    const unknown = await decide(
      '3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10',
      ORDER_NOT_EXECUTED_EXAMPLE,
    );
    expect(unknown.status).toBe(404);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('logs receipt and decision with pseudonyms and hashes only', async () => {
    const order = await receive({
      reference: 'LOG-PRIVATE-1',
      contentUrl: 'https://video.example/u/someone',
    });
    expect((await decide(order.id, ORDER_NOT_EXECUTED_EXAMPLE)).status).toBe(200);
    const entries = (await logEntries()).filter((e) => e.details.orderId === order.id);
    expect(entries.map((e) => e.type)).toEqual(['order_received', 'order_decided']);
    const text = JSON.stringify(entries);
    for (const secret of [
      'LOG-PRIVATE-1',
      'someone',
      'Liaison G',
      'Reviewer A',
      ORDER_EXAMPLE.issuingAuthority,
    ])
      expect(text).not.toContain(secret);
    expect(entries[0]?.actor).toMatch(/^p_[0-9a-f]{16}$/);
    expect(entries[0]?.details.memberState).toBe('DE');
  });

  it('publishes the Art. 7 order figures, recomputable from the public log entries', async () => {
    await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
    const report = TransparencyReport.parse(
      await (
        await t.call('GET', '/v1/transparency/report?from=2026-12-01&to=2027-01-01', {
          token: null,
        })
      ).json(),
    );
    // Seven orders above, all from DE: three executed in the hour, one late, three not executed.
    expect(report.figures.orders).toEqual({
      received: 7,
      byMemberState: { DE: 7 },
      executedWithinHour: 3,
      executedLate: 1,
      notExecuted: 3,
      preservedItems: 0,
      complaints: { received: 0, upheld: 0, reversed: 0 },
      reviewProceedings: {
        filed: 0,
        byBroughtBy: { hosting_service: 0, content_provider: 0 },
        decided: { order_upheld: 0, order_annulled: 0, order_amended: 0 },
        pending: 0,
      },
      reinstatements: 0,
      reinstatementsAfterComplaints: 0,
      reinstatementsAfterReviewProceedings: 0,
      notExecutedByReason: {
        force_majeure: 0,
        de_facto_impossibility: 0,
        manifest_errors: 0,
        insufficient_information: 3,
      },
    });
    const page = (await (
      await t.call('GET', `/v1/log/entries?start=0&end=${report.checkpoint.treeSize}`, {
        token: null,
      })
    ).json()) as { entries: { data: string }[] };
    const entries = page.entries.map((e) =>
      LogEntry.parse(JSON.parse(Buffer.from(e.data, 'base64').toString('utf8'))),
    );
    expect(computeTransparencyFigures(entries, report.period)).toEqual(report.figures);
  });
});
