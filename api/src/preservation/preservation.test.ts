import { ErrorBody, LogEntry, PreservationHold, Report } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredContent } from '../retention/purge';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { preserveRemovedContent } from './holds';

requirePostgresOrWarn('preservation');

const DAY = 86_400_000;
const months = (iso: string, n: number) => {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() + n);
  return date.toISOString();
};

describe.each(storesUnderTest())('preservation on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  let clock = Date.now();
  const now = () => new Date(clock);
  const deps = () => ({ db: t.db, sequencer: t.deps.sequencer, now });

  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  async function decided(action: 'remove' | 'label') {
    const report = Report.parse(
      await (await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE })).json(),
    );
    const decision = await t.decide(report.id, {
      token: t.tokens.reviewer2,
      body: { ...DECISION_EXAMPLE, action },
    });
    expect(decision.status).toBe(201);
    const { decision: d } = (await decision.json()) as { decision: { decidedAt: string } };
    return { reportId: report.id, decidedAt: d.decidedAt };
  }

  const logOf = async (reportId: string) =>
    (await t.db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx'))
      .map((row) => LogEntry.parse(JSON.parse(Buffer.from(row.data).toString('utf8'))))
      .filter((e) => e.reportId === reportId);

  it('keeps removed content past ordinary retention while extended, logs every read, then purges it', async () => {
    const removed = await decided('remove');
    const labelled = await decided('label');
    expect(await preserveRemovedContent(deps())).toEqual([removed.reportId]);

    const path = `/v1/preserved/${removed.reportId}`;
    // Only admin and the liaison read it, and only with a purpose and a reference.
    expect((await t.call('GET', `${path}?purpose=authority_request&reference=R1`)).status).toBe(
      403,
    );
    const noPurpose = await t.call('GET', `${path}?reference=R1`, { token: t.tokens.liaison });
    expect(ErrorBody.parse(await noPurpose.json()).issues?.[0]?.path).toBe('purpose');
    const readOk = await t.call('GET', `${path}?purpose=authority_request&reference=BKA-42`, {
      token: t.tokens.liaison,
    });
    expect(readOk.status).toBe(200);
    const preserved = (await readOk.json()) as { hold: PreservationHold; content: unknown };
    expect(preserved.hold.preservedUntil).toBe(months(removed.decidedAt, 6));
    expect(preserved.content).toMatchObject({ excerpt: REPORT_EXAMPLE.content.excerpt });
    expect(
      (
        await t.call(
          'GET',
          `/v1/preserved/${labelled.reportId}?purpose=authority_request&reference=x`,
          { token: t.tokens.admin },
        )
      ).status,
    ).toBe(404);

    // The authority asks for three more months.
    const until = months(removed.decidedAt, 9);
    const early = await t.call('POST', `${path}/extension`, {
      token: t.tokens.liaison,
      body: { authorityReference: 'BKA-42/P1', until: months(removed.decidedAt, 5) },
    });
    expect(ErrorBody.parse(await early.json()).issues?.[0]?.path).toBe('until');
    const extended = await t.call('POST', `${path}/extension`, {
      token: t.tokens.liaison,
      body: { authorityReference: 'BKA-42/P1', until },
    });
    expect(extended.status).toBe(200);
    expect(PreservationHold.parse(await extended.json()).extensions).toEqual([
      expect.objectContaining({ authorityReference: 'BKA-42/P1', until }),
    ]);

    // Ordinary retention would purge it now; the hold keeps it.
    clock = Date.parse(removed.decidedAt) + 7 * 31 * DAY;
    const purged = await purgeExpiredContent(deps());
    expect(purged).toContain(labelled.reportId);
    expect(purged).not.toContain(removed.reportId);

    // Once the hold has ended it goes, and the purge says why.
    clock = Date.parse(until) + DAY;
    expect(await purgeExpiredContent(deps())).toEqual([removed.reportId]);
    const gone = await t.call('GET', `${path}?purpose=authority_request&reference=x`, {
      token: t.tokens.admin,
    });
    expect(gone.status).toBe(409);

    const log = await logOf(removed.reportId);
    expect(log.map((e) => e.type)).toEqual([
      'report_received',
      'case_claimed',
      'decision_made',
      'statement_published',
      'content_preserved',
      'preserved_content_read',
      'preservation_extended',
      'content_purged',
    ]);
    const readEntry = log.find((e) => e.type === 'preserved_content_read')!;
    expect(readEntry.actor).toMatch(/^p_[0-9a-f]{16}$/);
    expect(readEntry.details).toEqual({ purpose: 'authority_request' });
    expect(JSON.stringify(log)).not.toContain('BKA-42');
    expect(log.at(-1)?.details.reason).toBe('preservation_expired');
  });

  it("hides preserved content from the reviewers' report endpoints once ordinary retention is over", async () => {
    const removed = await decided('remove');
    const labelled = await decided('label');
    await preserveRemovedContent(deps());
    type Read = { content: { excerpt: string } | null; screenshot: unknown };
    const asReviewer = async (id: string) =>
      (await (await t.call('GET', `/v1/reports/${id}`)).json()) as Read;
    // Within ordinary retention (the appeal window is open) reviewers read it as any case.
    expect((await asReviewer(removed.reportId)).content?.excerpt).toBe(
      REPORT_EXAMPLE.content.excerpt,
    );
    // The appeal window closes: only the hold keeps the content now.
    for (const id of [removed.reportId, labelled.reportId])
      await t.db.query(
        `UPDATE decisions SET appeal_deadline = $2::timestamptz WHERE report_id = $1`,
        [id, new Date(Date.now() - DAY).toISOString()],
      );
    const hidden = await t.call('GET', `/v1/reports/${removed.reportId}`);
    expect(hidden.status).toBe(200);
    expect(((await hidden.json()) as Read).content).toBeNull();
    const shot = await t.call('GET', `/v1/reports/${removed.reportId}/screenshot`);
    expect(shot.status).toBe(403);
    expect(ErrorBody.parse(await shot.json()).message).toContain('/v1/preserved/');
    // A report without a hold keeps its content until the purge runs.
    expect((await asReviewer(labelled.reportId)).content?.excerpt).toBe(
      REPORT_EXAMPLE.content.excerpt,
    );
    // The liaison still reads it, and the read is logged.
    const read = await t.call(
      'GET',
      `/v1/preserved/${removed.reportId}?purpose=authority_request&reference=R9`,
      { token: t.tokens.liaison },
    );
    expect(read.status).toBe(200);
    expect((await logOf(removed.reportId)).map((e) => e.type)).toContain('preserved_content_read');
  });
});
