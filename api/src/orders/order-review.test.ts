import { ErrorBody, LogEntry, ReviewProceeding, ReviewProceedingList } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { withClockedOrderApp } from '../testing/app-fixture';
import { rowCounts, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { ORDER_EXAMPLE, REVIEW_OUTCOME_EXAMPLE, REVIEW_PROCEEDING_EXAMPLE } from './order-examples';
import { REVIEW_REFERENCE, reviewCalls } from '../testing/review-calls';

requirePostgresOrWarn('review proceedings on removal orders');

const MINUTE = 60_000;
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
    const { minutesAgo, received, file, decide, outcome, orderById, ...review } = reviewCalls(
      () => call,
      clock,
    );
    const executed = (reference: string) => review.executed(reference, t.tokens.reviewer);

    async function filed(orderId: string, body: Record<string, unknown> = {}) {
      const response = await file(orderId, body);
      expect(response.status).toBe(201);
      return ReviewProceeding.parse(await response.json());
    }

    it('files proceedings for the liaison and an admin, lists them, refuses other roles (403)', async () => {
      const order = await received('REV-FILE');
      for (const token of [t.tokens.reviewer, t.tokens.senior, t.tokens.cso])
        expect((await file(order.id, {}, token)).status).toBe(403);
      const first = await filed(order.id, { filedAt: minutesAgo(5) });
      expect(first).toMatchObject({
        orderId: order.id,
        memberState: 'DE',
        broughtBy: 'content_provider',
        body: 'court',
        reference: REVIEW_REFERENCE,
        recordedAt: clock.now().toISOString(),
        status: 'pending',
        outcome: null,
        decidedAt: null,
        reinstated: null,
      });
      const byAdmin = await file(
        order.id,
        { broughtBy: 'hosting_service', body: 'authority', filedAt: minutesAgo(10) },
        t.tokens.admin,
      );
      expect(byAdmin.status).toBe(201);
      const second = ReviewProceeding.parse(await byAdmin.json());

      const path = `/v1/orders/${order.id}/review-proceedings`;
      const listed = await call('GET', path, { token: t.tokens.reviewer });
      expect(listed.status).toBe(200);
      const { proceedings } = ReviewProceedingList.parse(await listed.json());
      expect(proceedings.map((p) => p.id)).toEqual([second.id, first.id]); // oldest filing first
      expect((await call('GET', path, { token: t.tokens.cso })).status).toBe(403);
      const byReviewer = await decide(
        order.id,
        first.id,
        outcome('order_upheld', false),
        t.tokens.reviewer,
      );
      expect(byReviewer.status).toBe(403);
    });

    it('accepts the OpenAPI examples as they stand', async () => {
      const order = await executed('REV-EXAMPLES');
      const response = await call('POST', `/v1/orders/${order.id}/review-proceedings`, {
        body: REVIEW_PROCEEDING_EXAMPLE,
      });
      expect(response.status).toBe(201);
      const { id } = ReviewProceeding.parse(await response.json());
      const decided = await decide(order.id, id, REVIEW_OUTCOME_EXAMPLE);
      expect(decided.status).toBe(200);
      const proceeding = ReviewProceeding.parse(await decided.json());
      expect(proceeding).toMatchObject({ outcome: 'order_annulled', reinstated: true });
      expect(Date.parse(proceeding.decidedAt!)).toBe(Date.parse(REVIEW_OUTCOME_EXAMPLE.decidedAt));
    });

    it('shows the reinstatement on the order, the first one only, with what brought it', async () => {
      const order = await executed('REV-ANNUL');
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt: null, reinstatedBy: null });
      const p1 = await filed(order.id);
      clock.ms += 5 * MINUTE;
      const reinstatedAt = clock.now().toISOString();
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
      // Decided once: a second outcome is a conflict.
      const again = await decide(order.id, p1.id, outcome('order_upheld', false));
      expect(again.status).toBe(409);
      expect(ErrorBody.parse(await again.json()).code).toBe('conflict');

      // Content is reinstated once: further proceedings cannot reinstate it again (each item is
      // counted once), though they may be decided without a reinstatement.
      const p2 = await filed(order.id, { broughtBy: 'hosting_service' });
      clock.ms += 5 * MINUTE;
      const twice = await decide(order.id, p2.id, outcome('order_amended', true));
      expect(twice.status).toBe(400);
      expect(ErrorBody.parse(await twice.json()).issues?.map((i) => i.path)).toContain(
        'reinstated',
      );
      expect((await decide(order.id, p2.id, outcome('order_amended', false))).status).toBe(200);
      expect(await orderById(order.id)).toMatchObject({
        reinstatedAt,
        reinstatedBy: 'review_proceedings',
      });
    });

    it('keeps a complaint’s reinstatement on the order when review proceedings follow it', async () => {
      const order = await executed('REV-AFTER-COMPLAINT');
      clock.ms += MINUTE;
      const reinstatedAt = clock.now().toISOString();
      await review.reversedComplaint(order.id, t.tokens.senior);
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt, reinstatedBy: 'complaint' });
      const p = await filed(order.id);
      clock.ms += MINUTE;
      const again = await decide(order.id, p.id, outcome('order_annulled', true));
      expect(again.status).toBe(400);
      expect(ErrorBody.parse(await again.json()).message).toContain(
        'already reinstated (complaint',
      );
      expect((await decide(order.id, p.id, outcome('order_annulled', false))).status).toBe(200);
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt, reinstatedBy: 'complaint' });
    });

    it('answers 404 for an unknown order or proceeding, 409 for a decided one', async () => {
      expect((await file(NOBODY)).status).toBe(404);
      expect((await call('GET', `/v1/orders/${NOBODY}/review-proceedings`)).status).toBe(404);
      const order = await executed('REV-404');
      const other = await received('REV-404-OTHER');
      const p = await filed(order.id);
      const upheld = outcome('order_upheld', false);
      expect((await decide(order.id, NOBODY, upheld)).status).toBe(404);
      expect((await decide(NOBODY, p.id, upheld)).status).toBe(404);
      // A proceeding is reached through its own order only.
      expect((await decide(other.id, p.id, upheld)).status).toBe(404);
      expect((await decide(order.id, p.id, upheld)).status).toBe(200);
      const twice = await decide(order.id, p.id, outcome('order_annulled', true));
      expect(twice.status).toBe(409);
      const { proceedings } = ReviewProceedingList.parse(
        await (await call('GET', `/v1/orders/${order.id}/review-proceedings`)).json(),
      );
      expect(proceedings).toMatchObject([{ outcome: 'order_upheld', reinstated: false }]);
      expect(await orderById(order.id)).toMatchObject({ reinstatedAt: null });
    });

    it('answers bad input with a 400 naming the field, writing neither row nor log entry', async () => {
      const open = await received('REV-BAD');
      const p = await filed(open.id);
      const before = [await rowCounts(t.db), t.deps.sequencer.size];
      const future = new Date(clock.ms + MINUTE).toISOString();
      const filings: [Record<string, unknown>, string][] = [
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
        [{ ...outcome('order_upheld', false), reference: REVIEW_REFERENCE }, 'body'],
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
      expect([await rowCounts(t.db), t.deps.sequencer.size]).toEqual(before);
      // The proceeding is still pending: the refused outcomes left nothing half-written.
      expect((await decide(open.id, p.id, outcome('order_annulled', false))).status).toBe(200);
      expect(await orderById(open.id)).toMatchObject({ reinstatedAt: null, reinstatedBy: null });
    });

    it('logs filing and outcome with the pseudonym and the counted fields, never the reference', async () => {
      const order = await executed('REV-LOG-REFERENCE');
      const p = await filed(order.id, { broughtBy: 'hosting_service', body: 'authority' });
      clock.ms += MINUTE;
      expect((await decide(order.id, p.id, outcome('order_amended', true))).status).toBe(200);
      const all = (
        await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')
      ).map((row) => LogEntry.parse(JSON.parse(Buffer.from(row.data).toString('utf8'))));
      const entries = all.filter(
        (e) => e.details.orderId === order.id && e.type.startsWith('order_review_'),
      );
      expect(entries.map((e) => e.type)).toEqual(['order_review_filed', 'order_review_decided']);
      const counted = { orderId: order.id, proceedingId: p.id, memberState: 'DE' };
      const brought = { broughtBy: 'hosting_service', body: 'authority' };
      expect(entries[0]?.details).toEqual({ ...counted, ...brought, filedAt: p.filedAt });
      expect(entries[1]?.details).toMatchObject({
        ...counted,
        ...brought,
        outcome: 'order_amended',
        reinstated: true,
      });
      for (const e of entries) {
        expect(e.actor).toMatch(/^p_[0-9a-f]{16}$/);
        expect(e.urlSha256).toBeNull();
      }
      const text = JSON.stringify(all);
      for (const secret of [
        REVIEW_REFERENCE,
        REVIEW_PROCEEDING_EXAMPLE.reference,
        'REV-LOG-REFERENCE',
        ORDER_EXAMPLE.contentUrl,
        ORDER_EXAMPLE.issuingAuthority,
        'Liaison G',
      ])
        expect(text).not.toContain(secret);
    });
  },
);
