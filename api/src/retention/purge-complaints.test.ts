import { computeTransparencyFigures, Order, type LogEntry } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { OrderNotice } from '../orders/notice-routes';
import { ORDER_EXAMPLE } from '../orders/order-examples';
import { preserveRemovedContent } from '../preservation/holds';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { withClockedOrderApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { decodeLogEntry } from '../transparency/log-reader';
import { purgeComplaintGrounds } from './purge-complaints';

requirePostgresOrWarn('retention of complaints on removal orders');

const DAY = 86_400_000;
const GROUNDS = 'COMPLAINT-GROUNDS-SECRET: the video documents the attack for a news report.';

describe.each(storesUnderTest())(
  'retention of complaints on removal orders on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    const clock = withClockedOrderApp(kind, (app, clocked) => {
      t = app;
      call = clocked;
    });
    const deps = () => ({ db: t.db, sequencer: t.deps.sequencer, now: clock.now });

    /** An executed order on `contentUrl` with a complaint filed; decided (upheld) when `decide`. */
    async function complaint(reference: string, contentUrl: string, decide = true) {
      const received = await call('POST', '/v1/orders', {
        body: { ...ORDER_EXAMPLE, reference, contentUrl },
      });
      const order = Order.parse(await received.json());
      clock.ms += 10 * 60_000;
      await call('POST', `/v1/orders/${order.id}/decision`, {
        token: t.tokens.reviewer,
        body: { outcome: 'removed', effectiveAt: clock.now().toISOString() },
      });
      const notice = OrderNotice.parse(
        await (await call('GET', `/v1/orders/${order.id}/notice`)).json(),
      );
      const filed = await call('POST', '/v1/appeals', {
        token: null,
        body: {
          appellant: 'content_provider',
          token: notice.statement.x_appeal.token,
          grounds: GROUNDS,
        },
      });
      expect(filed.status).toBe(201);
      const { appealId } = (await filed.json()) as { appealId: string };
      if (decide) {
        const decided = await call('POST', `/v1/appeals/${appealId}/decision`, {
          token: t.tokens.senior,
          body: { outcome: 'upheld', reasons: 'The order stands.' },
        });
        expect(decided.status).toBe(200);
      }
      return { orderId: order.id, appealId };
    }

    const grounds = async (appealId: string) =>
      (
        await t.db.query<{ grounds: string | null; grounds_purged_at: string | null }>(
          'SELECT grounds, grounds_purged_at::text FROM appeals WHERE id = $1',
          [appealId],
        )
      )[0];
    const entries = async (): Promise<LogEntry[]> =>
      (await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')).map(
        (row) => decodeLogEntry(row.data),
      );

    it('purges a decided complaint’s grounds six months after its decision, never an open one, and after a preservation hold on the content', async () => {
      const start = clock.ms;
      const plain = await complaint('PURGE-1', 'https://video.example/watch/purge-1');
      const open = await complaint('PURGE-OPEN', 'https://video.example/watch/purge-2', false);
      // A report of the held order's content, removed and kept longer at an authority's request.
      const heldUrl = 'https://video.example/watch/purge-held';
      const report = await t.call('POST', '/v1/reports', {
        body: { ...REPORT_EXAMPLE, content: { ...REPORT_EXAMPLE.content, url: heldUrl } },
      });
      const { id: reportId } = (await report.json()) as { id: string };
      expect(
        (await t.decide(reportId, { token: t.tokens.reviewer2, body: DECISION_EXAMPLE })).status,
      ).toBe(201);
      await preserveRemovedContent(deps());
      const heldUntil = new Date(start + 400 * DAY).toISOString();
      const extended = await t.call('POST', `/v1/preserved/${reportId}/extension`, {
        token: t.tokens.admin,
        body: { authorityReference: 'BKA-ST34-PRESERVE-7', until: heldUntil },
      });
      expect(extended.status).toBe(200);
      const held = await complaint('PURGE-HELD', heldUrl);

      clock.ms = start + 180 * DAY; // before six months
      expect(await purgeComplaintGrounds(deps())).toEqual([]);
      clock.ms = start + 190 * DAY;
      expect(await purgeComplaintGrounds(deps())).toEqual([plain.appealId]);
      expect(await grounds(plain.appealId)).toMatchObject({ grounds: null });
      expect((await grounds(plain.appealId))?.grounds_purged_at).not.toBeNull();
      expect((await grounds(open.appealId))?.grounds).toBe(GROUNDS);
      expect((await grounds(held.appealId))?.grounds).toBe(GROUNDS);
      expect(await purgeComplaintGrounds(deps())).toEqual([]); // once

      clock.ms = Date.parse(heldUntil) + DAY;
      expect(await purgeComplaintGrounds(deps())).toEqual([held.appealId]);
      expect((await grounds(open.appealId))?.grounds).toBe(GROUNDS);

      const purges = (await entries()).filter((e) => e.type === 'content_purged');
      expect(purges.map((e) => e.details)).toEqual([
        {
          reason: 'retention_expired',
          purged: 'complaint_grounds',
          orderId: plain.orderId,
          appealId: plain.appealId,
        },
        {
          reason: 'preservation_expired',
          purged: 'complaint_grounds',
          orderId: held.orderId,
          appealId: held.appealId,
        },
      ]);
      expect(purges[0]).toMatchObject({ reportId: null, caseNumber: 'PURGE-1' });
      expect(JSON.stringify(purges)).not.toContain('COMPLAINT-GROUNDS-SECRET');
      // Grounds are not report content: the figure of content purged leaves them out.
      const figures = computeTransparencyFigures(await entries(), {
        from: new Date(start - DAY).toISOString(),
        to: new Date(clock.ms + DAY).toISOString(),
      });
      expect(figures.contentPurged).toBe(0);
    });
  },
);
