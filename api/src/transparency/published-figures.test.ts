import { randomBytes } from 'node:crypto';
import { ErrorBody, generateNoteKey, TransparencySeries } from '@counterweight/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { AppDeps } from '../app-env';
import { createToken } from '../auth/tokens';
import { openPostgres } from '../db/postgres';
import { createDeps } from '../deps';
import { REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, type TestApp } from '../testing/test-app';
import { openTestDb, requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';

requirePostgresOrWarn('transparency figures');

describe.each(storesUnderTest())('transparency figures on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const series = async () => {
    const res = await t.call('GET', `/v1/transparency/series?from=${from}&to=${to}&bucket=day`, {
      token: null,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const received = (s: TransparencySeries) =>
    s.points.reduce((n, p) => n + p.figures.reports.received, 0);
  const report = async () => {
    expect((await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE })).status).toBe(201);
    await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('follows the published checkpoint as the log grows', async () => {
    await report();
    const first = TransparencySeries.parse((await series()).body);
    expect(first.checkpoint.treeSize).toBe(t.deps.log.size);
    expect(received(first)).toBe(1);
    await report();
    await report();
    const second = TransparencySeries.parse((await series()).body);
    expect(second.checkpoint.treeSize).toBe(t.deps.log.size);
    expect(second.checkpoint.treeSize).toBeGreaterThan(first.checkpoint.treeSize);
    expect(received(second)).toBe(3);
  });

  it('refuses (503 log_integrity) an entry whose bytes no longer match its leaf hash', async () => {
    await report();
    const [row] = await t.db.query<{ idx: string }>(
      'SELECT max(idx)::text AS idx FROM log_entries',
    );
    // A superuser rewriting an entry's bytes behind the triggers, leaving its leaf hash.
    await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(
        `UPDATE log_entries SET data = convert_to(replace(convert_from(data, 'UTF8'), '"report_received"', '"content_purged"'), 'UTF8') WHERE idx = $1`,
        [row!.idx],
      );
    });
    const { status, body } = await series();
    expect(status).toBe(503);
    expect(ErrorBody.parse(body)).toMatchObject({ code: 'log_integrity' });
    expect(ErrorBody.parse(body).message).toContain(`log entry ${row!.idx}`);
  });
});

// Two instances on one PostgreSQL database: each instance's figures count the entries the other
// wrote, at the checkpoint both publish.
describe.each(storesUnderTest().filter((k) => k === 'postgres'))(
  'transparency figures of two instances on %s',
  { timeout: 60_000 },
  () => {
    const ORIGIN = 'figures.test/log';
    let a: { deps: AppDeps; app: ReturnType<typeof createApp> };
    let b: typeof a;
    let token: string;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const opened = await openTestDb('postgres');
      drop = opened.drop;
      const { signerKey } = await generateNoteKey(ORIGIN);
      const pseudonymKey = randomBytes(32);
      const instance = async (db: typeof opened.db) => {
        const deps = await createDeps(db, {
          pseudonymKey,
          logger: pino({ level: 'silent' }),
          log: { signerKey, origin: ORIGIN, leaseMs: 1000 },
        });
        return { deps, app: createApp(deps) };
      };
      a = await instance(opened.db);
      b = await instance(await openPostgres(opened.url!));
      token = (await createToken(opened.db, 'reviewer', 'R')).token;
    });
    afterAll(async () => {
      await b?.deps.log.close();
      await b?.deps.db.close();
      await a?.deps.log.close();
      await drop?.();
    });

    const post = async (on: typeof a) => {
      const res = await on.app.request('/v1/reports', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(REPORT_EXAMPLE),
      });
      expect(res.status).toBe(201);
    };
    const figures = async (on: typeof a, size: number) => {
      await on.deps.log.waitForCheckpoint(size);
      const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const res = await on.app.request(`/v1/transparency/series?from=${from}&to=${to}&bucket=day`);
      const series = TransparencySeries.parse(await res.json());
      return {
        checkpoint: series.checkpoint,
        received: series.points.reduce((n, p) => n + p.figures.reports.received, 0),
      };
    };

    it('counts the entries the other instance wrote', async () => {
      for (let i = 0; i < 3; i++) await post(a);
      const size = a.deps.sequencer.size;
      const onB = await figures(b, size);
      expect(onB.received).toBe(3);
      expect(onB.checkpoint.treeSize).toBeGreaterThanOrEqual(size);
      for (let i = 0; i < 2; i++) await post(b);
      const grown = b.deps.sequencer.size;
      const [onA, onB2] = [await figures(a, grown), await figures(b, grown)];
      expect(onA.received).toBe(5);
      expect(onB2.received).toBe(5);
      expect(onA.checkpoint).toEqual(onB2.checkpoint);
    });
  },
);
