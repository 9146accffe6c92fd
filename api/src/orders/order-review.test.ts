import {
  computeTransparencyFigures,
  ErrorBody,
  fetchEntries,
  LogEntry,
  type LogClient,
  openCheckpoint,
  Order,
  OrderList,
  ReviewProceeding,
  ReviewProceedingList,
  TransparencyReport,
} from '@counterweight/shared';
import type { IssuedToken } from '@counterweight/shared/auth';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../cli/verify-report';
import { withClockedOrderApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { OrderNotice } from './notice-routes';
import { ORDER_EXAMPLE, REVIEW_PROCEEDING_EXAMPLE } from './order-examples';

requirePostgresOrWarn('review proceedings on removal orders');

const MINUTE = 60_000;
const REFERENCE = 'VG-SECRET-6-K-1234';
const NOBODY = '00000000-0000-4000-8000-000000000404';

describe.each(storesUnderTest())(
  'review proceedings on removal orders (TCO Art. 9) on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    const clock = withClockedOrderApp(kind, (app, clocked) => {
      t = app;
      call = clocked;
    });
    const now = clock.now;
    const minutesAgo = (n: number) => new Date(clock.ms - n * MINUTE).toISOString();

    async function received(reference: string): Promise<Order> {
      const response = await call('POST', '/v1/orders', { body: { ...ORDER_EXAMPLE, reference } });
      expect(response.status).toBe(201);
      return Order.parse(await response.json());
    }

    /** An order received by the liaison and removed by a reviewer ten minutes later. */
    async function executed(reference: string): Promise<Order> {
      const order = await received(reference);
      clock.ms += 10 * MINUTE;
      const decided = await call('POST', `/v1/orders/${order.id}/decision`, {
        token: t.tokens.reviewer,
        body: { outcome: 'removed', effectiveAt: now().toISOString() },
      });
      expect(decided.status).toBe(200);
      return order;
    }

    const file = (orderId: string, body: unknown = {}, token?: IssuedToken) =>
      call('POST', `/v1/orders/${orderId}/review-proceedings`, {
        token,
        body:
          typeof body === 'object' && body !== null
            ? {
                ...REVIEW_PROCEEDING_EXAMPLE,
                reference: REFERENCE,
                filedAt: minutesAgo(1),
                ...body,
              }
            : body,
      });

    async function filed(orderId: string, body: Record<string, unknown> = {}) {
      const response = await file(orderId, body);
      expect(response.status).toBe(201);
      return ReviewProceeding.parse(await response.json());
    }

    const decide = (orderId: string, pid: string, body: unknown, token?: IssuedToken) =>
      call('POST', `/v1/orders/${orderId}/review-proceedings/${pid}/outcome`, { token, body });

    const outcome = (o: string, reinstated: boolean) => ({
      outcome: o,
      decidedAt: minutesAgo(0),
      reinstated,
    });

    async function orderById(id: string): Promise<Order> {
      const list = OrderList.parse(await (await call('GET', '/v1/orders?limit=500')).json());
      const order = list.orders.find((o) => o.id === id);
      if (!order) throw new Error(`order ${id} is not listed`);
      return order;
    }

    const logEntries = async () =>
      (await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')).map(
        (row) => LogEntry.parse(JSON.parse(Buffer.from(row.data).toString('utf8'))),
      );

    it('files proceedings for the liaison and an admin, lists them, refuses other roles (403)', async () => {
      const order = await received('REV-FILE');
      const before = clock.ms;
      for (const token of [t.tokens.reviewer, t.tokens.senior, t.tokens.cso])
        expect((await file(order.id, {}, token)).status).toBe(403);
      const first = await filed(order.id, { filedAt: minutesAgo(5) });
      expect(first).toMatchObject({
        orderId: order.id,
        memberState: 'DE',
        broughtBy: 'content_provider',
        body: 'court',
        reference: REFERENCE,
        status: 'pending',
        outcome: null,
        decidedAt: null,
        reinstated: null,
      });
      expect(first.recordedAt).toBe(new Date(before).toISOString());
      const byAdmin = await file(
        order.id,
        { broughtBy: 'hosting_service', body: 'authority', filedAt: minutesAgo(10) },
        t.tokens.admin,
      );
      expect(byAdmin.status).toBe(201);
      const second = ReviewProceeding.parse(await byAdmin.json());

      const listed = await call('GET', `/v1/orders/${order.id}/review-proceedings`, {
        token: t.tokens.reviewer,
      });
      expect(listed.status).toBe(200);
      const { proceedings } = ReviewProceedingList.parse(await listed.json());
      expect(proceedings.map((p) => p.id)).toEqual([second.id, first.id]); // oldest filing first
      const forCso = await call('GET', `/v1/orders/${order.id}/review-proceedings`, {
        token: t.tokens.cso,
      });
      expect(forCso.status).toBe(403);
      const outcomeByReviewer = await decide(
        order.id,
        first.id,
        outcome('order_upheld', false),
        t.tokens.reviewer,
      );
      expect(outcomeByReviewer.status).toBe(403);
    });

    it('shows the reinstatement on the order, the first one only, with what brought it', async () => {
      const order = await executed('REV-ANNUL');
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt: null, reinstatedBy: null });
      const p1 = await filed(order.id);
      clock.ms += 5 * MINUTE;
      const reinstatedAt = now().toISOString();
      const decided = await decide(order.id, p1.id, outcome('order_annulled', true));
      expect(decided.status).toBe(200);
      expect(ReviewProceeding.parse(await decided.json())).toMatchObject({
        status: 'decided',
        outcome: 'order_annulled',
        decidedAt: reinstatedAt,
        reinstated: true,
      });
      expect(await orderById(order.id)).toMatchObject({
        reinstatedAt,
        reinstatedBy: 'review_proceedings',
      });
      // Decided once: a second outcome is a conflict, and leaves the first standing.
      const again = await decide(order.id, p1.id, outcome('order_upheld', false));
      expect(again.status).toBe(409);
      expect(ErrorBody.parse(await again.json()).code).toBe('conflict');

      // Further proceedings reinstating again leave the first reinstatement on the order.
      const p2 = await filed(order.id, { broughtBy: 'hosting_service' });
      clock.ms += 5 * MINUTE;
      expect((await decide(order.id, p2.id, outcome('order_amended', true))).status).toBe(200);
      expect(await orderById(order.id)).toMatchObject({
        reinstatedAt,
        reinstatedBy: 'review_proceedings',
      });
    });

    it('keeps a complaint’s reinstatement on the order when review proceedings follow it', async () => {
      const order = await executed('REV-AFTER-COMPLAINT');
      const notice = OrderNotice.parse(
        await (await call('GET', `/v1/orders/${order.id}/notice`)).json(),
      );
      const complaint = await call('POST', '/v1/appeals', {
        token: null,
        body: {
          appellant: 'content_provider',
          token: notice.statement.x_appeal.token,
          grounds: 'The video is news reporting.',
        },
      });
      expect(complaint.status).toBe(201);
      const { appealId } = (await complaint.json()) as { appealId: string };
      clock.ms += MINUTE;
      const reinstatedAt = now().toISOString();
      const reversed = await call('POST', `/v1/appeals/${appealId}/decision`, {
        token: t.tokens.senior,
        body: { outcome: 'reversed', reasons: 'Art. 1(3) applies.' },
      });
      expect(reversed.status).toBe(200);
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt, reinstatedBy: 'complaint' });
      const p = await filed(order.id);
      clock.ms += MINUTE;
      expect((await decide(order.id, p.id, outcome('order_annulled', true))).status).toBe(200);
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt, reinstatedBy: 'complaint' });
    });

    it('answers 404 for an unknown order or proceeding, 409 for a decided one', async () => {
      expect((await file(NOBODY)).status).toBe(404);
      const list = await call('GET', `/v1/orders/${NOBODY}/review-proceedings`);
      expect(list.status).toBe(404);
      const order = await executed('REV-404');
      const other = await received('REV-404-OTHER');
      const p = await filed(order.id);
      expect((await decide(order.id, NOBODY, outcome('order_upheld', false))).status).toBe(404);
      expect((await decide(NOBODY, p.id, outcome('order_upheld', false))).status).toBe(404);
      // A proceeding is reached through its own order only.
      expect((await decide(other.id, p.id, outcome('order_upheld', false))).status).toBe(404);
      expect((await decide(order.id, p.id, outcome('order_upheld', false))).status).toBe(200);
      const twice = await decide(order.id, p.id, outcome('order_annulled', true));
      expect(twice.status).toBe(409);
      const { proceedings } = ReviewProceedingList.parse(
        await (await call('GET', `/v1/orders/${order.id}/review-proceedings`)).json(),
      );
      expect(proceedings[0]).toMatchObject({ outcome: 'order_upheld', reinstated: false });
    });

    it('answers bad input with a 400 naming the field, writing neither row nor log entry', async () => {
      const open = await received('REV-BAD');
      const p = await filed(open.id);
      const rows = async () => (await t.db.query('SELECT id FROM order_review_proceedings')).length;
      const [rowsBefore, logBefore] = [await rows(), t.deps.sequencer.size];
      const future = new Date(clock.ms + MINUTE).toISOString();
      const filings: [unknown, string][] = [
        [{ filedAt: future }, 'filedAt'],
        [{ filedAt: '2026-12-07T09:00:00Z' }, 'filedAt'], // before the order was issued (09:12)
        [{ filedAt: 'yesterday' }, 'filedAt'],
        [{ broughtBy: 'issuing_authority' }, 'broughtBy'],
        [{ body: 'parliament' }, 'body'],
        [{ reference: '   ' }, 'reference'],
        [{ reference: 'VG\u0000 6 K' }, 'reference'],
        [{ reference: 'x'.repeat(201) }, 'reference'],
        [{ brought_by: 'content_provider' }, 'body'],
      ];
      for (const [body, field] of filings) {
        const response = await file(open.id, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        const paths = ErrorBody.parse(await response.json()).issues?.map((i) => i.path);
        expect(paths, JSON.stringify(body)).toContain(field);
      }
      const outcomes: [unknown, string][] = [
        [{ ...outcome('order_upheld', false), decidedAt: future }, 'decidedAt'],
        [{ ...outcome('order_upheld', false), decidedAt: minutesAgo(5) }, 'decidedAt'],
        [outcome('order_quashed', false), 'outcome'],
        [outcome('order_upheld', true), 'reinstated'],
        // Nothing was removed under an order still open: nothing to reinstate.
        [outcome('order_annulled', true), 'reinstated'],
        [{ outcome: 'order_upheld', decidedAt: minutesAgo(0) }, 'reinstated'],
        [{ ...outcome('order_upheld', false), reference: REFERENCE }, 'body'],
      ];
      for (const [body, field] of outcomes) {
        const response = await decide(open.id, p.id, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        const paths = ErrorBody.parse(await response.json()).issues?.map((i) => i.path);
        expect(paths, JSON.stringify(body)).toContain(field);
      }
      const badId = await decide(open.id, 'not-a-uuid', outcome('order_upheld', false));
      expect(badId.status).toBe(400);
      expect(ErrorBody.parse(await badId.json()).issues?.map((i) => i.path)).toContain('pid');
      expect([await rows(), t.deps.sequencer.size]).toEqual([rowsBefore, logBefore]);
      // The proceeding is still pending: the refused outcomes left nothing half-written.
      expect((await decide(open.id, p.id, outcome('order_annulled', false))).status).toBe(200);
      expect(await orderById(open.id)).toMatchObject({ reinstatedAt: null, reinstatedBy: null });
    });

    it('logs filing and outcome with the pseudonym and the counts’ fields, never the reference', async () => {
      const order = await executed('REV-LOG-REFERENCE');
      const p = await filed(order.id, { broughtBy: 'hosting_service', body: 'authority' });
      clock.ms += MINUTE;
      expect((await decide(order.id, p.id, outcome('order_amended', true))).status).toBe(200);
      const entries = (await logEntries()).filter(
        (e) => e.details.orderId === order.id && e.type.startsWith('order_review_'),
      );
      expect(entries.map((e) => e.type)).toEqual(['order_review_filed', 'order_review_decided']);
      const [filedEntry, decidedEntry] = entries;
      expect(filedEntry?.details).toEqual({
        orderId: order.id,
        proceedingId: p.id,
        memberState: 'DE',
        broughtBy: 'hosting_service',
        body: 'authority',
        filedAt: p.filedAt,
      });
      expect(decidedEntry?.details).toMatchObject({
        orderId: order.id,
        proceedingId: p.id,
        memberState: 'DE',
        broughtBy: 'hosting_service',
        body: 'authority',
        outcome: 'order_amended',
        reinstated: true,
      });
      for (const e of entries) {
        expect(e.actor).toMatch(/^p_[0-9a-f]{16}$/);
        expect(e.urlSha256).toBeNull();
      }
      const text = JSON.stringify(await logEntries());
      for (const secret of [REFERENCE, 'REV-LOG-REFERENCE', ORDER_EXAMPLE.contentUrl, 'Liaison G'])
        expect(text).not.toContain(secret);
      expect(text).not.toContain(ORDER_EXAMPLE.issuingAuthority);
    });

    it('counts proceedings, outcomes and reinstatements per path in the Art. 7 figures, as verify-log recomputes them', async () => {
      await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
      const client: LogClient = {
        text: async (path) => (await t.call('GET', path, { token: null })).text(),
        json: async (path) => (await t.call('GET', path, { token: null })).json(),
      };
      const [from, to] = ['2026-12-01', '2027-01-01'];
      const report = TransparencyReport.parse(
        await client.json(`/v1/transparency/report?from=${from}&to=${to}`),
      );
      const orders = report.figures.orders;
      // Filed above: 2 pending (REV-FILE), 2 + 1 + 1 + 1 + 1 decided.
      expect(orders.reviewProceedings).toEqual({
        filed: 8,
        byBroughtBy: { hosting_service: 3, content_provider: 5 },
        decided: { order_upheld: 1, order_annulled: 3, order_amended: 2 },
        pending: 2,
      });
      expect(orders.reinstatementsAfterComplaints).toBe(1);
      expect(orders.reinstatementsAfterReviewProceedings).toBe(4);
      expect(orders.reinstatements).toBe(5);
      expect(orders.complaints).toEqual({ received: 1, upheld: 0, reversed: 1 });

      const signed = await openCheckpoint(
        await client.text('/v1/log/checkpoint'),
        t.deps.log.verifierKey,
      );
      const entries = await fetchEntries(client, 0, signed.size);
      expect(
        computeTransparencyFigures(
          entries.slice(0, report.checkpoint.treeSize).map((e) => e.entry),
          report.period,
        ),
      ).toEqual(report.figures);
      const honest = await checkReport(client, from, to, signed, entries);
      expect(honest.ok, honest.lines.join('\n')).toBe(true);

      // A report that hides a pending proceeding and moves a reinstatement to the complaints.
      const lying: LogClient = {
        text: client.text,
        json: async (path) => {
          const body = await client.json(path);
          if (!path.startsWith('/v1/transparency/report')) return body;
          const tampered = TransparencyReport.parse(body);
          tampered.figures.orders.reviewProceedings.pending -= 1;
          tampered.figures.orders.reinstatementsAfterReviewProceedings -= 1;
          tampered.figures.orders.reinstatementsAfterComplaints += 1;
          return tampered;
        },
      };
      const caught = await checkReport(lying, from, to, signed, entries);
      expect(caught.ok).toBe(false);
      const mismatches = caught.lines.filter((line) => line.startsWith('MISMATCH'));
      expect(mismatches.map((line) => line.split(':')[1]?.trim())).toEqual([
        'orders.reinstatementsAfterComplaints',
        'orders.reinstatementsAfterReviewProceedings',
        'orders.reviewProceedings.pending',
      ]);
    });
  },
);
