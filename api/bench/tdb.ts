/**
 * Transparency Database sender benchmark (`pnpm --filter @counterweight/api bench:tdb`): 100,000
 * statements enqueued, delivered by the sender to the local stand-in over loopback HTTP, with the
 * sender and the stand-in both configured with the database's limit of 4,000 requests a minute.
 * Reports statements a second, the stand-in's 429s and the most requests it answered in any one
 * second. On PGlite and, when DATABASE_URL is set, PostgreSQL. Prints a Markdown table.
 */
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { openTestDb, storesUnderTest } from '../src/testing/test-db';
import { enqueueSyntheticStatements } from '../src/tdb/synthetic-statements';
import { TdbSender } from '../src/tdb/sender';
import { TdbStandIn } from '../src/tdb/stand-in';
import { TdbClient } from '../src/tdb/tdb-client';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 100_000);
const LIMIT = 4000;

/** The most timestamps (ms) within any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

console.log(
  `load before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  '| store | statements | seconds | statements/s | requests | 429s | most requests in 1 s | most in 60 s |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const kind of storesUnderTest()) {
  const { db, drop } = await openTestDb(kind);
  await enqueueSyntheticStatements(db, STATEMENTS, 'bench');
  const standIn = new TdbStandIn({ token: 'bench', requestsPerMinute: LIMIT });
  const server = serve({ fetch: standIn.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sender = new TdbSender(
    { db, client: new TdbClient(url, 'bench'), logger: pino({ level: 'silent' }) },
    { requestsPerMinute: LIMIT, concurrency: 8, backoffMs: 100 },
  );
  const started = performance.now();
  while (standIn.stored.size < STATEMENTS) await sender.runOnce();
  const seconds = (performance.now() - started) / 1000;
  const [left] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM tdb_deliveries WHERE state <> 'delivered'",
  );
  if (left!.n !== 0 || standIn.resent !== 0) throw new Error('not delivered exactly once');
  console.log(
    `| ${kind} | ${STATEMENTS} | ${seconds.toFixed(1)} | ${Math.round(STATEMENTS / seconds)} | ${standIn.requests} | ${standIn.rateLimited} | ${busiestWindow(standIn.answeredAt, 1000)} | ${busiestWindow(standIn.answeredAt, 60_000)} |`,
  );
  server.close();
  await drop();
}
console.log(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
