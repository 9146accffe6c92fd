import {
  ErrorBody,
  Order,
  StatementOfReasons,
  tdbProblems,
  tdbStatement,
} from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { enqueueNewStatements } from '../tdb/delivery-store';
import { withClockedOrderApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';
import { OrderNotice } from './notice-routes';
import { ORDER_EXAMPLE } from './order-examples';

const MINUTE = 60_000;

describe.each(storesUnderTest())(
  'order statements and notices on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    const clock = withClockedOrderApp(kind, (app, clocked) => {
      t = app;
      call = clocked;
    });
    const now = clock.now;

    async function executed(reference: string, confidentialUntil: string | null) {
      const order = Order.parse(
        await (
          await call('POST', '/v1/orders', {
            body: { ...ORDER_EXAMPLE, reference, confidentialUntil },
          })
        ).json(),
      );
      clock.ms += 30 * MINUTE;
      const decided = await call('POST', `/v1/orders/${order.id}/decision`, {
        token: t.tokens.reviewer,
        body: { outcome: 'disabled', effectiveAt: now().toISOString() },
      });
      expect(decided.status).toBe(200);
      return order;
    }

    it('states the order as its ground, naming the authority and the reference', async () => {
      const order = await executed('SOR-1', null);
      const statement = StatementOfReasons.parse(
        await (await call('GET', `/v1/orders/${order.id}/statement`)).json(),
      );
      expect(statement).toMatchObject({
        decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
        decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'],
        category_specification: ['KEYWORD_TERRORIST_CONTENT'],
        source_type: 'SOURCE_TYPE_OTHER_NOTIFICATION',
        puid: order.id,
        x_case_reference: 'SOR-1',
      });
      expect(statement.illegal_content_legal_ground).toContain('Regulation (EU) 2021/784 Art. 3');
      expect(statement.illegal_content_explanation).toContain('SOR-1');
      expect(statement.illegal_content_explanation).toContain(ORDER_EXAMPLE.issuingAuthority);
      expect(tdbProblems(tdbStatement(statement))).toEqual([]);
      // Not confidential: the provider's notice is there at once.
      const notice = OrderNotice.parse(
        await (await call('GET', `/v1/orders/${order.id}/notice`)).json(),
      );
      expect(notice.authorityReasons).toBe(ORDER_EXAMPLE.reasons);
      expect(notice.redress).toBe(ORDER_EXAMPLE.redress);
    });

    it('withholds the notice, and the Transparency Database statement, while confidentiality runs', async () => {
      const until = new Date(clock.ms + 6 * 7 * 24 * 60 * MINUTE).toISOString(); // six weeks
      const order = await executed('SOR-CONF', until);
      const withheld = await call('GET', `/v1/orders/${order.id}/notice`);
      expect(withheld.status).toBe(409);
      expect(ErrorBody.parse(await withheld.json()).message).toContain(until);
      await enqueueNewStatements(t.db, 1000, now());
      expect(await queued(order.id)).toBe(false);

      clock.ms = Date.parse(until) + 1000;
      const released = await call('GET', `/v1/orders/${order.id}/notice`);
      expect(released.status).toBe(200);
      expect(OrderNotice.parse(await released.json()).statement.x_case_reference).toBe('SOR-CONF');
      await enqueueNewStatements(t.db, 1000, now());
      expect(await queued(order.id)).toBe(true);
    });

    it('has no statement for an order not executed', async () => {
      const order = Order.parse(
        await (
          await call('POST', '/v1/orders', { body: { ...ORDER_EXAMPLE, reference: 'SOR-NO' } })
        ).json(),
      );
      expect((await call('GET', `/v1/orders/${order.id}/statement`)).status).toBe(404);
    });

    const queued = async (puid: string) =>
      (await t.db.query('SELECT 1 FROM tdb_deliveries WHERE puid = $1', [puid])).length === 1;
  },
);
