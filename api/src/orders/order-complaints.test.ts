import {
  Appeal,
  AppealNotice,
  AppealQueue,
  AppealReceipt,
  computeTransparencyFigures,
  ErrorBody,
  LogEntry,
  Order,
  StatementOfReasons,
  TransparencyReport,
} from '@counterweight/shared';
import type { IssuedToken } from '@counterweight/shared/auth';
import { describe, expect, it } from 'vitest';
import { createToken } from '../auth/tokens';
import { withClockedOrderApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { OrderNotice } from './notice-routes';
import { ORDER_EXAMPLE } from './order-examples';

requirePostgresOrWarn('complaints on removal orders');

const MINUTE = 60_000;
const GROUNDS = 'COMPLAINT-GROUNDS-SECRET: the video documents the attack for a news report.';

describe.each(storesUnderTest())(
  'complaints on removal orders on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    const clock = withClockedOrderApp(kind, (app, clocked) => {
      t = app;
      call = clocked;
    });
    const now = clock.now;

    /** An order received by the liaison and executed by `decider`; returns it and its appeal token. */
    async function executed(reference: string, decider: IssuedToken = t.tokens.reviewer) {
      const received = await call('POST', '/v1/orders', { body: { ...ORDER_EXAMPLE, reference } });
      const order = Order.parse(await received.json());
      clock.ms += 10 * MINUTE;
      const body = { outcome: 'removed', effectiveAt: now().toISOString() };
      const decided = await call('POST', `/v1/orders/${order.id}/decision`, {
        token: decider,
        body,
      });
      expect(decided.status).toBe(200);
      const notice = OrderNotice.parse(
        await (await call('GET', `/v1/orders/${order.id}/notice`)).json(),
      );
      expect(notice.statement.x_appeal.endpoint).toBe('/v1/appeals');
      const token = notice.statement.x_appeal.token;
      if (!token) throw new Error('the notice carries no appeal token');
      return { order, token };
    }

    const complain = (token: string) =>
      call('POST', '/v1/appeals', {
        token: null,
        body: { appellant: 'content_provider', token, grounds: GROUNDS },
      });

    async function filed(reference: string, decider?: IssuedToken) {
      const { order, token } = await executed(reference, decider);
      const response = await complain(token);
      expect(response.status).toBe(201);
      return { order, token, receipt: AppealReceipt.parse(await response.json()) };
    }

    const decide = (appealId: string, body: unknown, token: IssuedToken = t.tokens.senior) =>
      call('POST', `/v1/appeals/${appealId}/decision`, { token, body });

    const logEntries = async () =>
      (await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')).map(
        (row) => LogEntry.parse(JSON.parse(Buffer.from(row.data).toString('utf8'))),
      );

    it('files a complaint with the token of the notice, once, and queues it for seniors', async () => {
      const { order, token, receipt } = await filed('CMP-1');
      expect(receipt.caseNumber).toBe('CMP-1');
      expect(Date.parse(receipt.dueAt) - Date.parse(receipt.filedAt)).toBe(14 * 24 * 60 * MINUTE);
      const again = await complain(token);
      expect(again.status).toBe(409);
      const queue = AppealQueue.parse(
        await (await call('GET', '/v1/appeals/queue', { token: t.tokens.senior })).json(),
      );
      const queued = queue.items.find((a) => a.id === receipt.appealId);
      expect(queued).toMatchObject({ orderId: order.id, reportId: null, decisionId: null });
      expect(queued?.originalAction).toBe('remove');
      const status = await call('POST', '/v1/appeals/status', {
        token: null,
        body: { appellant: 'content_provider', token },
      });
      expect(AppealNotice.parse(await status.json()).status).toBe('open');
      // The stored statement (sent to the Transparency Database) never carries the token.
      const statement = await call('GET', `/v1/orders/${order.id}/statement`);
      expect(StatementOfReasons.parse(await statement.json()).x_appeal.token).toBeNull();
    });

    it('refuses (403 four_eyes) the person who decided or received the order', async () => {
      const { receipt } = await filed('CMP-EYES', t.tokens.senior);
      let refused = await decide(receipt.appealId, { outcome: 'upheld', reasons: 'Stands.' });
      expect(refused.status).toBe(403);
      expect(ErrorBody.parse(await refused.json()).code).toBe('four_eyes');
      // A senior token issued to the liaison's name is the same person.
      const liaisonAsSenior = await createToken(t.db, 'senior_reviewer', 'liaison g');
      refused = await decide(
        receipt.appealId,
        { outcome: 'upheld', reasons: 'x' },
        liaisonAsSenior,
      );
      expect(refused.status).toBe(403);
      expect(ErrorBody.parse(await refused.json()).code).toBe('four_eyes');
      const other = await createToken(t.db, 'senior_reviewer', 'Senior H');
      const upheld = await decide(
        receipt.appealId,
        { outcome: 'upheld', reasons: 'Stands.' },
        other,
      );
      expect(upheld.status).toBe(200);
      expect(Appeal.parse(await upheld.json())).toMatchObject({
        outcome: 'upheld',
        resultingAction: 'remove',
      });
    });

    it('answers bad input with a 400 naming the field', async () => {
      const { receipt } = await filed('CMP-BAD');
      const cases: [unknown, string][] = [
        [{ outcome: 'modified', reasons: 'x', action: 'label' }, 'outcome'],
        [{ outcome: 'reversed' }, 'reasons'],
        [{ outcome: 'upheld', reasons: 'x', action: 'remove' }, 'action'],
        [{ outcome: 'quashed', reasons: 'x' }, 'outcome'],
      ];
      for (const [body, field] of cases) {
        const response = await decide(receipt.appealId, body);
        expect(response.status).toBe(400);
        const error = ErrorBody.parse(await response.json());
        expect(error.issues?.map((i) => i.path)).toContain(field);
      }
      const noGrounds = await call('POST', '/v1/appeals', {
        token: null,
        body: { appellant: 'content_provider', token: 'cwa_not-a-real-token-at-all' },
      });
      expect(noGrounds.status).toBe(400);
      expect(ErrorBody.parse(await noGrounds.json()).issues?.map((i) => i.path)).toContain(
        'grounds',
      );
    });

    it('reverses: reinstates the content, amends the statement, logs it without the grounds', async () => {
      const { order, receipt } = await filed('CMP-REV');
      const reversed = await decide(receipt.appealId, {
        outcome: 'reversed',
        reasons: 'The video is news reporting: Art. 1(3) applies.',
      });
      expect(reversed.status).toBe(200);
      expect(Appeal.parse(await reversed.json())).toMatchObject({
        outcome: 'reversed',
        resultingAction: 'no_action',
        orderId: order.id,
      });
      const [row] = await t.db.query<{ reinstated: boolean }>(
        'SELECT reinstated_at IS NOT NULL AS reinstated FROM removal_orders WHERE id = $1',
        [order.id],
      );
      expect(row?.reinstated).toBe(true);
      const statement = StatementOfReasons.parse(
        await (await call('GET', `/v1/orders/${order.id}/statement`)).json(),
      );
      expect(statement.x_amended_by_appeal).toBe(`${receipt.appealId}: reversed`);
      expect(statement.x_action).toBe('no_action');
      expect((await decide(receipt.appealId, { outcome: 'upheld', reasons: 'x' })).status).toBe(
        409,
      );

      const entries = (await logEntries()).filter((e) => e.details.orderId === order.id);
      expect(entries.map((e) => e.type)).toEqual([
        'order_received',
        'statement_published',
        'order_decided',
        'appeal_filed',
        'appeal_decided',
      ]);
      expect(entries[4]?.details).toMatchObject({ outcome: 'reversed', reinstatement: true });
      expect(entries[4]?.actor).toMatch(/^p_[0-9a-f]{16}$/);
      const text = JSON.stringify(entries);
      for (const secret of ['COMPLAINT-GROUNDS-SECRET', 'Senior C', 'news reporting'])
        expect(text).not.toContain(secret);
    });

    it('counts complaints, outcomes and reinstatements in the Art. 7 figures, equal to the log', async () => {
      await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
      const report = TransparencyReport.parse(
        await (
          await t.call('GET', '/v1/transparency/report?from=2026-12-01&to=2027-01-01', {
            token: null,
          })
        ).json(),
      );
      expect(report.figures.orders.complaints).toEqual({ received: 4, upheld: 1, reversed: 1 });
      expect(report.figures.orders.reinstatements).toBe(1);
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
  },
);
