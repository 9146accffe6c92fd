import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Order } from '@counterweight/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, withTestApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';
import { clockedOrderApp } from './clocked-order-app';
import { sendDeadlineAlerts, type DeadlineAlert } from './deadline-alerts';
import { ORDER_EXAMPLE } from './order-examples';

const MINUTE = 60_000;

describe.each(storesUnderTest())('deadline alerts on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  withTestApp(kind, (app) => {
    t = app;
  });
  const clock = testClock();
  const now = clock.now;
  let server: Server;
  let url: string;
  const received: DeadlineAlert[] = [];
  let failNext = 0;

  beforeAll(async () => {
    // A real HTTP receiver; it fails on demand to show that a failed alert is sent again.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body) as DeadlineAlert);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  }, 120_000);
  afterAll(() => {
    server?.close();
  });

  const alerts = () =>
    sendDeadlineAlerts({ db: t.db, now, webhookUrl: url, logger: pino({ level: 'silent' }) });

  it('alerts once when 15 minutes are left, never for a decided order, and retries a failed post', async () => {
    const call = clockedOrderApp(t, now);
    const receive = async (reference: string) =>
      Order.parse(
        await (await call('POST', '/v1/orders', { body: { ...ORDER_EXAMPLE, reference } })).json(),
      );
    const start = clock.ms;
    const waiting = await receive('ALERT-1');
    const decided = await receive('ALERT-2');
    expect(
      (
        await call('POST', `/v1/orders/${decided.id}/decision`, {
          token: t.tokens.reviewer,
          body: { outcome: 'removed', effectiveAt: now().toISOString() },
        })
      ).status,
    ).toBe(200);

    clock.ms = start + 44 * MINUTE;
    expect(await alerts()).toEqual([]);

    clock.ms = start + 45 * MINUTE;
    failNext = 1;
    expect(await alerts()).toEqual([]); // the webhook failed: not counted as sent
    expect(await alerts()).toEqual([waiting.id]);
    expect(received).toEqual([
      {
        event: 'removal_order_deadline',
        orderId: waiting.id,
        reference: 'ALERT-1',
        memberState: 'DE',
        receivedAt: waiting.receivedAt,
        deadline: waiting.deadline,
        minutesLeft: 15,
      },
    ]);
    clock.ms = start + 50 * MINUTE;
    expect(await alerts()).toEqual([]); // once only
    expect(received).toHaveLength(1);
  });
});
