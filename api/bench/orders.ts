/**
 * Removal-order benchmark (`pnpm --filter @counterweight/api bench:orders`): with 1,000 reports
 * waiting in the review queue, how long from sending `POST /v1/orders` until `GET /v1/queue`
 * shows the order at its head. The app in this process (`app.request`, no sockets), on PGlite and,
 * when DATABASE_URL is set, on PostgreSQL. Prints a Markdown table for BENCHMARKS.md.
 */
import { loadavg } from 'node:os';
import { Order, Page, Report } from '@counterweight/shared';
import { ORDER_EXAMPLE } from '../src/orders/order-examples';
import { REPORT_EXAMPLE } from '../src/routes/examples';
import { createTestApp } from '../src/testing/test-app';
import { storesUnderTest } from '../src/testing/test-db';

const WAITING = 1000;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 50);
const WARM_UP = 5;
const QueuePage = Page(Report).extend({ orders: Order.array() });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

console.log(
  `load before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('| store | waiting reports | orders | p50 ms | p99 ms | max ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const kind of storesUnderTest()) {
  const t = await createTestApp(kind);
  for (let sent = 0; sent < WAITING; sent += 100) {
    const batch = Array.from({ length: 100 }, () =>
      t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE }),
    );
    for (const response of await Promise.all(batch))
      if (response.status !== 201)
        throw new Error(`report refused: ${response.status} ${await response.text()}`);
  }

  const times: number[] = [];
  // The first orders warm the JIT and the database's plans; they are not counted.
  for (let i = -WARM_UP; i < ORDERS; i++) {
    const started = performance.now();
    const received = await t.call('POST', '/v1/orders', {
      token: t.tokens.liaison,
      body: { ...ORDER_EXAMPLE, reference: `BENCH-${i}` },
    });
    const order = Order.parse(await received.json());
    const queue = QueuePage.parse(await (await t.call('GET', '/v1/queue?limit=50')).json());
    const elapsed = performance.now() - started;
    if (!queue.orders.some((o) => o.id === order.id) || queue.items.length !== 50)
      throw new Error('the order is not at the head of the queue');
    if (i >= 0) times.push(elapsed);
    // Decide it, so that every order is measured behind the same queue.
    const decided = await t.call('POST', `/v1/orders/${order.id}/decision`, {
      body: { outcome: 'removed', effectiveAt: new Date().toISOString() },
    });
    if (decided.status !== 200) throw new Error(`decision refused: ${decided.status}`);
  }
  times.sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(1);
  console.log(
    `| ${kind} | ${WAITING} | ${ORDERS} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${ms(times[times.length - 1]!)} |`,
  );
  await t.close();
}
console.log(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
