import { ReportWithProgress } from '../routes/reports';
import {
  AppealReceipt,
  computeTransparencyFigures,
  Report,
  type LogEntry,
  type StatementOfReasons,
} from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockedAppealApp } from '../appeals/clocked-test-app';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { decodeLogEntry } from '../transparency/log-reader';
import { purgeExpiredContent } from './purge';
import { RetentionJob } from './retention-job';

requirePostgresOrWarn('retention');

const MONTH = 31 * 86_400_000;

describe.each(storesUnderTest())('retention on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  let call: TestApp['call'];
  const start = Date.now();
  let clock = start;
  const now = () => new Date(clock);
  const purge = () => purgeExpiredContent({ db: t.db, sequencer: t.deps.sequencer, now });

  beforeAll(async () => {
    t = await createTestApp(kind);
    call = clockedAppealApp(t, now);
  }, 120_000);
  afterAll(async () => t?.close());

  async function decided(action: 'remove' | 'no_action' = 'remove') {
    const { id } = (await (await call('POST', '/v1/reports', { body: REPORT_EXAMPLE })).json()) as {
      id: string;
    };
    await call('POST', `/v1/reports/${id}/claim`, { token: t.tokens.reviewer2 });
    const res = await call('POST', `/v1/reports/${id}/decision`, {
      token: t.tokens.reviewer2,
      body: { ...DECISION_EXAMPLE, action, escalateThreatToLife: false },
    });
    expect(res.status).toBe(201);
    const { statement } = (await res.json()) as { statement: StatementOfReasons };
    return { id, token: statement.x_appeal.token! };
  }
  const report = async (id: string) =>
    ReportWithProgress.parse(await (await call('GET', `/v1/reports/${id}`)).json());
  const entries = async (): Promise<LogEntry[]> =>
    (
      await t.db.query<{ data: Uint8Array }>(
        'SELECT data FROM log_entries ORDER BY log_entries.idx',
      )
    ).map((r) => decodeLogEntry(r.data));

  it('purges content six months after the final decision, unless an appeal or a legal hold is open', async () => {
    clock = start;
    const plain = await decided();
    const held = await decided('no_action');
    const appealedOpen = await decided();
    const appealedLate = await decided();
    const awaiting = (await (
      await call('POST', '/v1/reports', { body: REPORT_EXAMPLE })
    ).json()) as { id: string };

    const hold = await t.call('PUT', `/v1/reports/${held.id}/legal-hold`, {
      token: t.tokens.admin,
      body: { reason: 'Requested by the public prosecutor, case 12/26.' },
    });
    expect(hold.status).toBe(200);
    expect(
      (
        await t.call('PUT', `/v1/reports/${held.id}/legal-hold`, {
          token: t.tokens.reviewer,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('PUT', `/v1/reports/${held.id}/legal-hold`, {
          token: t.tokens.admin,
          body: { reason: '' },
        })
      ).status,
    ).toBe(400);

    // An appeal filed at once stays open; another is decided after five months.
    const file = async (token: string) =>
      AppealReceipt.parse(
        await (
          await call('POST', '/v1/appeals', {
            token: null,
            body: { appellant: 'content_provider', token, grounds: 'My post was satire.' },
          })
        ).json(),
      );
    await file(appealedOpen.token);
    const late = await file(appealedLate.token);
    clock = start + 5 * MONTH;
    const outcome = await call('POST', `/v1/appeals/${late.appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'upheld', reasons: 'Incitement, not satire.' },
    });
    expect(outcome.status).toBe(200);

    clock = start + 5 * MONTH + 86_400_000;
    expect(await purge()).toEqual([]); // nothing is six months old yet

    clock = start + 6 * MONTH + 86_400_000;
    const logBefore = (await entries()).length;
    expect(await purge()).toEqual([plain.id]);
    const gone = await report(plain.id);
    expect(gone.content).toBeNull();
    expect(gone.classifier?.evidence).toEqual([]);
    for (const kept of [held.id, appealedOpen.id, appealedLate.id, awaiting.id])
      expect((await report(kept)).content).not.toBeNull();

    const log = await entries();
    expect(log).toHaveLength(logBefore + 1);
    const purged = log.at(-1)!;
    expect(purged).toMatchObject({
      type: 'content_purged',
      reportId: plain.id,
      details: { reason: 'retention_expired' },
    });
    expect(purged.excerptSha256).toBe(REPORT_EXAMPLE.content.excerptSha256);
    expect(purged.urlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(log)).not.toContain(REPORT_EXAMPLE.content.excerpt);
    expect(JSON.stringify(log)).not.toContain(REPORT_EXAMPLE.content.url);
    expect(
      computeTransparencyFigures(log, {
        from: new Date(start).toISOString(),
        to: new Date(clock + 1).toISOString(),
      }).contentPurged,
    ).toBe(1);

    // Runs again: nothing new. Releasing the hold makes that report due at the next run.
    expect(await purge()).toEqual([]);
    expect(
      (await t.call('DELETE', `/v1/reports/${held.id}/legal-hold`, { token: t.tokens.admin }))
        .status,
    ).toBe(204);
    expect(
      (await t.call('DELETE', `/v1/reports/${held.id}/legal-hold`, { token: t.tokens.admin }))
        .status,
    ).toBe(404);
    expect(await purge()).toEqual([held.id]);

    // Six months after the appeal outcome, that one goes too, with the appellant's grounds.
    clock = start + 11 * MONTH + 86_400_000;
    expect(await purge()).toEqual([appealedLate.id]);
    const [grounds] = await t.db.query<{ grounds: string | null }>(
      'SELECT grounds FROM appeals WHERE id = $1',
      [late.appealId],
    );
    expect(grounds?.grounds).toBeNull();
    expect((await report(appealedOpen.id)).content).not.toBeNull(); // still open
    expect(
      (
        await t.call('PUT', `/v1/reports/${plain.id}/legal-hold`, {
          token: t.tokens.admin,
          body: { reason: 'too late' },
        })
      ).status,
    ).toBe(409);
  });

  it('runs as a periodic job with the injected clock', async () => {
    clock = start;
    const { id } = await decided();
    clock = start + 7 * MONTH;
    const logged: string[] = [];
    const job = new RetentionJob(
      { db: t.db, sequencer: t.deps.sequencer, now },
      {
        info: (o: object) => logged.push(JSON.stringify(o)),
        error: (o: object) => logged.push(`error ${JSON.stringify(o)}`),
      },
      50,
    );
    job.start();
    await expect.poll(async () => (await report(id)).content, { timeout: 10_000 }).toBeNull();
    await job.stop();
    expect(logged.some((l) => l.includes('purged'))).toBe(true);
    expect(logged.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
