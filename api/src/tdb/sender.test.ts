import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, type TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';
import { DeliveryReport } from './delivery-routes';
import { TdbSender } from './sender';
import { TdbStandIn } from './stand-in';
import { TdbClient } from './tdb-client';
import { enqueueSyntheticStatements } from './synthetic-statements';
import { enqueue } from './delivery-store';

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
  'Transparency Database delivery on %s',
  { timeout: 120_000 },
  (kind) => {
    let t: TestApp;
    let standIn: TdbStandIn;
    let server: ServerType;
    let url: string;
    const random = seeded(18);

    beforeAll(async () => {
      t = await createTestApp(kind);
      standIn = new TdbStandIn({
        token: 'tdb-test-token',
        requestsPerMinute: 900, // 15 a second, at most 15 at once
        failBeforeRate: 0.15,
        failAfterRate: 0.15,
        random,
      });
      server = serve({ fetch: standIn.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 120_000);
    afterAll(async () => {
      server?.close();
      await t?.close();
    });

    it('delivers every statement exactly once across restarts, crashes, 429s and random failures', async () => {
      // Three statements from real decisions, 300 enqueued directly, one that breaks a v2 rule.
      const decided: string[] = [];
      for (let i = 0; i < 3; i++) {
        const report = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
        const { id } = (await report.json()) as { id: string };
        const decision = await t.call('POST', `/v1/reports/${id}/decision`, {
          token: t.tokens.reviewer2,
          body: DECISION_EXAMPLE,
        });
        expect(decision.status).toBe(201);
        decided.push(id); // the report id is the statement's puid
      }
      await enqueueSyntheticStatements(t.db, 300, 'synthetic');
      const [sample] = await t.db.query<{ body: string }>(
        "SELECT body FROM tdb_statements WHERE puid = 'synthetic-1'",
      );
      const statement = JSON.parse(sample!.body) as Record<string, unknown>;
      await enqueue(t.db, [
        {
          puid: 'too-long',
          decisionId: null,
          statement: { ...statement, puid: 'too-long', decision_facts: 'x'.repeat(5001) },
          enqueuedAt: new Date().toISOString(),
        },
      ]);

      const client = new TdbClient(url, 'tdb-test-token', 5000);
      let crashes = 0;
      let answers = 0;
      // A new process after each crash: a new sender, limiter and backoff over the same database.
      const start = () =>
        new TdbSender(
          { db: t.db, client, logger: pino({ level: 'silent' }) },
          {
            requestsPerMinute: 6000, // more than the stand-in allows, so it meets 429s
            batchSize: 10,
            concurrency: 8,
            backoffMs: 5,
            afterAnswer: () => {
              // Dies after the database answered, before the answer is recorded: the 5th and
              // 20th answer, and 3 % of the others.
              answers++;
              if (answers === 5 || answers === 20 || random() < 0.03) {
                crashes++;
                throw new Error('crash');
              }
            },
          },
        );
      let sender = start();
      let passes = 0;
      for (; passes < 1000; passes++) {
        await sender.runOnce().catch(() => {
          sender = start();
        });
        const [left] = await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM tdb_deliveries WHERE state IN ('pending', 'sending')",
        );
        if (left!.n === 0) break;
      }
      expect(passes).toBeLessThan(1000);
      expect(crashes).toBeGreaterThan(0);
      expect(standIn.rateLimited).toBeGreaterThan(0);

      // Exactly once: the stand-in holds each valid statement once and was never sent one twice.
      expect(standIn.resent).toBe(0);
      expect(standIn.stored.size).toBe(303);
      const rows = await t.db.query<{ puid: string; state: string; tdb_uuid: string | null }>(
        'SELECT puid, state, tdb_uuid FROM tdb_deliveries',
      );
      expect(rows).toHaveLength(304);
      for (const row of rows) {
        if (row.puid === 'too-long') continue;
        expect(row.state).toBe('delivered');
        expect(row.tdb_uuid).toBe(standIn.stored.get(row.puid));
      }
      for (const puid of decided) expect(standIn.stored.has(puid)).toBe(true);

      const report = DeliveryReport.parse(
        await (
          await t.call('GET', '/v1/statements/delivery?state=refused', { token: t.tokens.admin })
        ).json(),
      );
      expect(report.counts).toEqual({ pending: 0, sending: 0, delivered: 303, refused: 1 });
      expect(report.items).toHaveLength(1);
      expect(report.items[0]).toMatchObject({ puid: 'too-long', state: 'refused' });
      expect(report.items[0]?.refusedReason).toContain('decision_facts');
    });

    it('the stand-in refuses what the database refuses', async () => {
      const quiet = new TdbStandIn({ token: 'tdb-test-token', requestsPerMinute: 60_000 });
      const s = serve({ fetch: quiet.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => s.once('listening', resolve));
      const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      const at = (path: string, body: unknown, token = 'tdb-test-token') =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const [valid] = await t.db.query<{ body: string }>(
        "SELECT body FROM tdb_statements WHERE puid = 'synthetic-1'",
      );
      const statement = JSON.parse(valid!.body) as Record<string, unknown>;
      expect((await at('/api/v1/statement', statement, 'wrong')).status).toBe(401);
      const tooMany = await at('/api/v1/statements', {
        statements: Array.from({ length: 101 }, (_, i) => ({ ...statement, puid: `p${i}` })),
      });
      expect(tooMany.status).toBe(422);
      const noGround = await at('/api/v1/statement', {
        ...statement,
        puid: 'q1',
        illegal_content_legal_ground: undefined,
      });
      expect(noGround.status).toBe(422);
      expect(
        ((await noGround.json()) as { errors: Record<string, string[]> }).errors,
      ).toHaveProperty('illegal_content_legal_ground');
      expect((await at('/api/v1/statement', { ...statement, puid: 'q2' })).status).toBe(201);
      const again = await at('/api/v1/statement', { ...statement, puid: 'q2' });
      expect(again.status).toBe(422);
      expect(quiet.resent).toBe(1);
      s.close();
    });
  },
);
