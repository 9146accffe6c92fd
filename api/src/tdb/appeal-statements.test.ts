import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  ErrorBody,
  Order,
  StatementOfReasons,
  tdbProblems,
  type Action,
  type AppealDecisionSubmission,
} from '@counterweight/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockedAppealApp } from '../appeals/clocked-test-app';
import { OrderNotice } from '../orders/notice-routes';
import { ORDER_EXAMPLE } from '../orders/order-examples';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { appealPuid } from './amended-statements';
import { DeliveryReport } from './delivery-routes';
import { enqueueNewStatements, markDelivered } from './delivery-store';
import { TdbSender } from './sender';
import { TdbStandIn } from './stand-in';
import { TdbClient } from './tdb-client';

requirePostgresOrWarn('statements changed on appeal');

describe.each(storesUnderTest())(
  'statements changed on appeal and the Transparency Database on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    let n = 0;

    beforeAll(async () => {
      t = await createTestApp(kind);
      call = clockedAppealApp(t, () => new Date());
    }, 120_000);
    afterAll(async () => t?.close());

    /** A report decided with `action`; its statement enqueued, and delivered when `deliver`. */
    async function decided(action: Action, deliver = true) {
      const report = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
      const { id } = (await report.json()) as { id: string };
      const res = await t.decide(id, {
        token: t.tokens.reviewer2,
        body: { ...DECISION_EXAMPLE, action, escalateThreatToLife: false },
      });
      expect(res.status).toBe(201);
      const { statement } = (await res.json()) as { statement: StatementOfReasons };
      if (deliver) {
        await enqueueNewStatements(t.db);
        await markDelivered(t.db, new Map([[id, `tdb-${id}`]]), new Date());
      }
      return { reportId: id, token: statement.x_appeal.token! };
    }

    async function appeal(filer: { token: string } | { reportId: string }) {
      n++;
      const res = await call('POST', '/v1/appeals', {
        token: 'reportId' in filer ? t.tokens.reviewer : null,
        body:
          'reportId' in filer
            ? { appellant: 'reporter', reportId: filer.reportId, grounds: 'It glorifies.' }
            : { appellant: 'content_provider', token: filer.token, grounds: 'A news report.' },
        headers: { 'x-test-client': `c${n}` },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { appealId: string }).appealId;
    }

    const decideAppeal = (appealId: string, body: AppealDecisionSubmission) =>
      call('POST', `/v1/appeals/${appealId}/decision`, { token: t.tokens.senior, body });

    async function delivery(puid: string) {
      const report = DeliveryReport.parse(
        await (
          await t.call('GET', '/v1/statements/delivery?limit=500', { token: t.tokens.auditor })
        ).json(),
      );
      return report.items.find((item) => item.puid === puid);
    }

    const sentBody = async (puid: string) => {
      const [row] = await t.db.query<{ body: string }>(
        'SELECT body FROM tdb_statements WHERE puid = $1',
        [puid],
      );
      return row ? (JSON.parse(row.body) as Record<string, unknown>) : undefined;
    };

    it('a reporter’s appeal that turns “no action” into a removal sends a statement of its own', async () => {
      const { reportId } = await decided('no_action');
      const appealId = await appeal({ reportId });
      const res = await decideAppeal(appealId, {
        outcome: 'reversed',
        action: 'remove',
        reasons: 'The post glorifies the attack; no exemption applies.',
      });
      expect(res.status).toBe(200);
      const puid = appealPuid(reportId, appealId);
      expect(puid).toMatch(/^[A-Za-z0-9_-]{1,500}$/);
      expect(await delivery(puid)).toMatchObject({ state: 'pending', appealId, decisionId: null });
      const body = (await sentBody(puid))!;
      expect(body).toMatchObject({
        puid,
        decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
        application_date: new Date().toISOString().slice(0, 10),
      });
      expect(body.decision_visibility_other).toBeUndefined();
      expect(body.illegal_content_explanation).toContain('Restricted on appeal (reversed)');
      expect(Object.keys(body).some((key) => key.startsWith('x_'))).toBe(false);
      expect(tdbProblems(body)).toEqual([]);
      // The original ("no action", as delivered) is noted, never sent again.
      expect((await delivery(reportId))?.amendedAfterDelivery).toMatchObject({
        appealId,
        outcome: 'reversed',
        newPuid: puid,
      });
      expect((await delivery(reportId))?.state).toBe('delivered');
    });

    it('a modification to another restriction sends one; a reversal to no restriction sends nothing', async () => {
      const demoted = await decided('remove');
      const modified = await appeal({ token: demoted.token });
      expect(
        (
          await decideAppeal(modified, {
            outcome: 'modified',
            action: 'demote',
            reasons: 'Context lowers the risk.',
          })
        ).status,
      ).toBe(200);
      const newPuid = appealPuid(demoted.reportId, modified);
      expect((await sentBody(newPuid))?.decision_visibility).toEqual([
        'DECISION_VISIBILITY_CONTENT_DEMOTED',
      ]);

      const reinstated = await decided('remove');
      const reversed = await appeal({ token: reinstated.token });
      const before = await t.db.query('SELECT puid FROM tdb_deliveries');
      expect(
        (await decideAppeal(reversed, { outcome: 'reversed', reasons: 'A news report.' })).status,
      ).toBe(200);
      expect(await t.db.query('SELECT puid FROM tdb_deliveries')).toHaveLength(before.length);
      expect((await delivery(reinstated.reportId))?.amendedAfterDelivery).toMatchObject({
        appealId: reversed,
        outcome: 'reversed',
        newPuid: null,
      });
    });

    it('an original not sent yet goes as first published, with the amendment noted', async () => {
      const late = await decided('remove', false);
      const appealId = await appeal({ token: late.token });
      await decideAppeal(appealId, { outcome: 'reversed', reasons: 'Satire.' });
      await enqueueNewStatements(t.db);
      expect((await sentBody(late.reportId))?.decision_visibility).toEqual([
        'DECISION_VISIBILITY_CONTENT_REMOVED',
      ]);
      expect((await delivery(late.reportId))?.amendedAfterDelivery?.appealId).toBe(appealId);
    });

    it('refuses (400 naming reasons) personal data in the reasons of a new restriction, writing nothing', async () => {
      const { reportId } = await decided('no_action');
      const appealId = await appeal({ reportId });
      const res = await decideAppeal(appealId, {
        outcome: 'reversed',
        action: 'remove',
        reasons: 'Confirmed by the poster, mail jane.doe@example.org.',
      });
      expect(res.status).toBe(400);
      expect(ErrorBody.parse(await res.json()).issues?.[0]?.path).toContain('reasons');
      expect(await delivery(appealPuid(reportId, appealId))).toBeUndefined();
      const [open] = await t.db.query<{ outcome: string | null }>(
        'SELECT outcome FROM appeals WHERE id = $1',
        [appealId],
      );
      expect(open?.outcome).toBeNull();
    });

    it('a reinstated removal order is noted, nothing sent; the database takes every puid once', async () => {
      const received = await t.call('POST', '/v1/orders', {
        token: t.tokens.liaison,
        body: {
          ...ORDER_EXAMPLE,
          reference: 'BKA-TCO-2026-000456', // a long digit run: a reference, not a phone number
          issuedAt: new Date(Date.now() - 60_000).toISOString(),
        },
      });
      const order = Order.parse(await received.json());
      const executed = await t.call('POST', `/v1/orders/${order.id}/decision`, {
        body: { outcome: 'removed', effectiveAt: new Date().toISOString() },
      });
      expect(executed.status).toBe(200);
      const notice = OrderNotice.parse(
        await (await t.call('GET', `/v1/orders/${order.id}/notice`)).json(),
      );
      await enqueueNewStatements(t.db);
      const appealId = await appeal({ token: notice.statement.x_appeal.token! });
      const before = await t.db.query('SELECT puid FROM tdb_deliveries');
      expect(
        (await decideAppeal(appealId, { outcome: 'reversed', reasons: 'Lawful.' })).status,
      ).toBe(200);
      expect(await t.db.query('SELECT puid FROM tdb_deliveries')).toHaveLength(before.length);
      expect((await delivery(order.id))?.amendedAfterDelivery).toMatchObject({
        appealId,
        newPuid: null,
      });

      const standIn = new TdbStandIn({ token: 'tdb', requestsPerMinute: 60_000 });
      const server = serve({ fetch: standIn.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const sender = new TdbSender({
        db: t.db,
        client: new TdbClient(url, 'tdb', 5000),
        logger: pino({ level: 'silent' }),
      });
      await sender.runOnce();
      server.close();
      expect(standIn.resent).toBe(0);
      const left = await t.db.query(
        "SELECT puid, refused_reason FROM tdb_deliveries WHERE state <> 'delivered'",
      );
      expect(left).toEqual([]);
      expect([...standIn.stored.keys()].filter((p) => p.includes('-appeal-'))).toHaveLength(2);
    });
  },
);
