import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { AppealReceipt, ErrorBody, Order } from '@counterweight/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockedOrderApp } from '../orders/clocked-order-app';
import { ORDER_EXAMPLE } from '../orders/order-examples';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { testClock } from '../testing/app-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { decodeLogEntry } from '../transparency/log-reader';
import { NoticeReceiver } from './notice-receiver';
import { NoticeDeliveryReport } from './notice-routes';
import { ProviderNoticeSender } from './notice-sender';

requirePostgresOrWarn('delivery of content providers’ notices');

const MINUTE = 60_000;

/** A seeded generator, so that a failing run can be repeated (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(storesUnderTest())(
  'content providers’ notices on %s',
  { timeout: 120_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    let receiver: NoticeReceiver;
    let server: ServerType;
    let url: string;
    const clock = testClock();
    const random = seeded(186);

    beforeAll(async () => {
      t = await createTestApp(kind, { providerNotices: true });
      call = clockedOrderApp(t, clock.now);
      receiver = new NoticeReceiver({
        failBeforeRate: 0.2,
        failAfterRate: 0.2,
        random,
        now: clock.now,
      });
      server = serve({ fetch: receiver.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`;
    }, 120_000);
    afterAll(async () => {
      server?.close();
      await t?.close();
    });

    async function decided(action: 'remove' | 'no_action'): Promise<string> {
      const report = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
      const { id } = (await report.json()) as { id: string };
      const body =
        action === 'remove'
          ? DECISION_EXAMPLE
          : { ...DECISION_EXAMPLE, action: 'no_action', territorialScope: undefined };
      const decision = await t.decide(id, { token: t.tokens.reviewer2, body });
      expect(decision.status).toBe(201);
      const [row] = await t.db.query<{ id: string }>(
        'SELECT id::text AS id FROM decisions WHERE report_id = $1',
        [id],
      );
      return row!.id;
    }

    async function executed(reference: string, confidentialUntil: string | null): Promise<string> {
      const received = await call('POST', '/v1/orders', {
        body: { ...ORDER_EXAMPLE, reference, confidentialUntil },
      });
      const order = Order.parse(await received.json());
      clock.ms += 10 * MINUTE;
      const decision = await call('POST', `/v1/orders/${order.id}/decision`, {
        token: t.tokens.reviewer,
        body: { outcome: 'removed', effectiveAt: clock.now().toISOString() },
      });
      expect(decision.status).toBe(200);
      return order.id;
    }

    /** Passes of two instances at once until no released notice is left; a crash starts a new one. */
    async function deliverAll(crash: () => boolean): Promise<number> {
      const start = () =>
        new ProviderNoticeSender(
          {
            db: t.db,
            sequencer: t.deps.sequencer,
            url,
            logger: pino({ level: 'silent' }),
            now: clock.now,
          },
          {
            batchSize: 3,
            backoffMs: 1000,
            claimMs: 30_000,
            afterAnswer: () => {
              if (crash()) throw new Error('crash');
            },
          },
        );
      const senders = [start(), start()];
      let crashes = 0;
      for (let pass = 0; pass < 500; pass++) {
        const settled = await Promise.allSettled(senders.map((s) => s.runOnce()));
        settled.forEach((s, i) => {
          if (s.status === 'rejected') {
            crashes++;
            senders[i] = start(); // a new process over the same database
          }
        });
        clock.ms += MINUTE; // back-off and lapsed claims come due
        const [left] = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM provider_notices
         WHERE state IN ('pending', 'sending') AND release_at <= $1`,
          [clock.now().toISOString()],
        );
        if (left!.n === 0) return crashes;
      }
      throw new Error('notices still undelivered after 500 passes');
    }

    const noticeOf = (id: string) =>
      [...receiver.passedOn.values()].find(
        (r) => r.notice.statement.x_decision_id === id || r.notice.statement.puid === id,
      );

    it('delivers every notice exactly once across crashes and random failures, confidential ones only after their end', async () => {
      const decisions = [await decided('remove'), await decided('remove'), await decided('remove')];
      await decided('no_action'); // nothing to tell the provider
      const orders: string[] = [];
      for (let i = 0; i < 4; i++) orders.push(await executed(`NOTICE-${i}`, null));
      const until = new Date(clock.ms + 6 * 7 * 24 * 60 * MINUTE).toISOString(); // six weeks
      const confidential = [await executed('NOTICE-C1', until), await executed('NOTICE-C2', until)];
      // Decisions are timed by the real clock: start after them.
      clock.ms = Math.max(clock.ms, Date.now()) + MINUTE;

      let answers = 0;
      const crashes = await deliverAll(() => ++answers === 3 || random() < 0.05);
      expect(crashes).toBeGreaterThan(0);
      expect(receiver.passedOn.size).toBe(7);
      for (const id of [...decisions, ...orders]) expect(noticeOf(id)).toBeDefined();
      for (const id of confidential) expect(noticeOf(id)).toBeUndefined();

      const admin = async (query = '') =>
        NoticeDeliveryReport.parse(
          await (
            await t.call('GET', `/v1/notices/delivery${query}`, { token: t.tokens.admin })
          ).json(),
        );
      // (The route's clock is the real one, before the six weeks end.)
      expect((await admin()).counts).toEqual({
        pending: 2,
        withheld: 2,
        sending: 0,
        delivered: 7,
        failed: 0,
      });

      clock.ms = Date.parse(until) - 10 * MINUTE;
      await deliverAll(() => false);
      for (const id of confidential) expect(noticeOf(id)).toBeUndefined();
      clock.ms = Date.parse(until);
      await deliverAll(() => random() < 0.05);
      for (const id of confidential) {
        const received = noticeOf(id);
        expect(received).toBeDefined();
        expect(received!.at.getTime()).toBeGreaterThanOrEqual(Date.parse(until));
      }
      expect(receiver.passedOn.size).toBe(9);
      expect(receiver.repeats).toBeGreaterThan(0); // answers lost: sent again, passed on once

      const report = await admin();
      expect(report.counts).toEqual({
        pending: 0,
        withheld: 0,
        sending: 0,
        delivered: 9,
        failed: 0,
      });
      expect(report.items.every((item) => item.attempts >= 1 && item.deliveredAt !== null)).toBe(
        true,
      );
      // A decision's appeal token is kept only until delivered.
      const tokens = await t.db.query(
        'SELECT 1 FROM provider_notices WHERE appeal_token IS NOT NULL',
      );
      expect(tokens).toHaveLength(0);

      // One log entry per notice, with ids only: never the URL, the token or any text.
      const entries = (
        await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')
      )
        .map((row) => decodeLogEntry(row.data))
        .filter((e) => e.type === 'provider_notice_delivered');
      expect(entries).toHaveLength(9);
      expect(new Set(entries.map((e) => e.details.noticeId)).size).toBe(9);
      const logged = JSON.stringify(entries);
      expect(logged).not.toContain('http');
      expect(logged).not.toContain('cwa_');
      expect(logged).not.toContain(ORDER_EXAMPLE.reasons);
    });

    it('carries what the provider needs: reasons, redress, the URL and a token that files an appeal', async () => {
      const orderId = (
        await t.db.query<{ id: string }>(
          "SELECT id::text AS id FROM removal_orders WHERE reference = 'NOTICE-0'",
        )
      )[0]!.id;
      const order = noticeOf(orderId)!.notice;
      expect(order).toMatchObject({
        event: 'provider_notice',
        kind: 'removal_order',
        authorityReasons: ORDER_EXAMPLE.reasons,
        redress: ORDER_EXAMPLE.redress,
        contentUrl: ORDER_EXAMPLE.contentUrl,
        appeal: { endpoint: '/v1/appeals' },
      });
      expect(order.statement.x_appeal.token).toBe(order.appeal.token);
      const decision = [...receiver.passedOn.values()].find(
        (r) => r.notice.kind === 'decision',
      )!.notice;
      expect(decision.authorityReasons).toBeUndefined();
      expect(decision.contentUrl).toBe(REPORT_EXAMPLE.content.url);
      expect(decision.redress).toContain('DSA Art. 20');
      for (const notice of [order, decision]) {
        const filed = await call('POST', '/v1/appeals', {
          token: null,
          body: {
            appellant: 'content_provider',
            token: notice.appeal.token,
            grounds: 'Reporting.',
          },
        });
        expect(filed.status).toBe(201);
        AppealReceipt.parse(await filed.json());
      }
    });

    it('gives a notice up with the reason when the platform refuses it, and shows it to auditors only', async () => {
      await decided('remove');
      const refusing = new ProviderNoticeSender({
        db: t.db,
        sequencer: t.deps.sequencer,
        url,
        logger: pino({ level: 'silent' }),
        now: () => new Date(Date.now() + MINUTE),
        fetch: async () => new Response('{"message":"unknown account"}', { status: 422 }),
      });
      expect(await refusing.runOnce()).toEqual({ delivered: 0, retried: 0, failed: 1 });
      const failed = NoticeDeliveryReport.parse(
        await (
          await t.call('GET', '/v1/notices/delivery?state=failed', { token: t.tokens.auditor })
        ).json(),
      );
      expect(failed.items).toHaveLength(1);
      expect(failed.items[0]?.failedReason).toBe('the platform refused the notice: HTTP 422');
      expect((await t.call('GET', '/v1/notices/delivery')).status).toBe(403);

      // A notice whose report content was purged before it went out cannot reach anyone.
      const purged = await decided('remove');
      await t.db.query(
        'UPDATE reports SET content = NULL WHERE id = (SELECT report_id FROM decisions WHERE id = $1)',
        [purged],
      );
      let posted = 0;
      const unreachable = new ProviderNoticeSender({
        db: t.db,
        sequencer: t.deps.sequencer,
        url,
        logger: pino({ level: 'silent' }),
        now: () => new Date(Date.now() + MINUTE),
        fetch: async () => {
          posted++;
          return new Response(null, { status: 204 });
        },
      });
      expect(await unreachable.runOnce()).toEqual({ delivered: 0, retried: 0, failed: 1 });
      expect(posted).toBe(0);
      const [gone] = await t.db.query<{ failed_reason: string }>(
        'SELECT failed_reason FROM provider_notices WHERE decision_id = $1',
        [purged],
      );
      expect(gone?.failed_reason).toContain('purged');
      const bad = await t.call('GET', '/v1/notices/delivery?state=lost', { token: t.tokens.admin });
      expect(bad.status).toBe(400);
      expect(ErrorBody.parse(await bad.json()).issues?.[0]?.path).toContain('state');
    });
  },
);
