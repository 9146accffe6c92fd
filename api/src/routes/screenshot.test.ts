import { createHash } from 'node:crypto';
import { ErrorBody, LogEntry, Report } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredContent } from '../retention/purge';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from './examples';

requirePostgresOrWarn('screenshot evidence');

/** A 1×1 grey PNG, written by hand: signature, IHDR, IDAT (zlib of `00 80`), IEND. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);
const evidence = (bytes: Buffer, mediaType = 'image/png') => ({
  mediaType,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  data: bytes.toString('base64'),
});

describe.each(storesUnderTest())('screenshot evidence on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  it('keeps the screenshot with the report, logs only its hash, and purges it with the content', async () => {
    const sent = await t.call('POST', '/v1/reports', {
      body: { ...REPORT_EXAMPLE, screenshot: evidence(PNG) },
    });
    expect(sent.status).toBe(201);
    const report = Report.parse(await sent.json());
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(report.screenshot).toEqual({ mediaType: 'image/png', sha256, bytes: PNG.length });

    const image = await t.call('GET', `/v1/reports/${report.id}/screenshot`, {
      token: t.tokens.senior,
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    const [row] = await t.db.query<{ data: Uint8Array }>(
      `SELECT data FROM log_entries ORDER BY idx DESC LIMIT 1`,
    );
    const text = Buffer.from(row!.data).toString('utf8');
    const entry = LogEntry.parse(JSON.parse(text));
    expect(entry.details.screenshotSha256).toBe(sha256);
    expect(text).not.toContain(PNG.toString('base64').slice(0, 20));

    await t.decide(report.id, { token: t.tokens.reviewer2, body: DECISION_EXAMPLE });
    const purged = await purgeExpiredContent({
      db: t.db,
      sequencer: t.deps.sequencer,
      now: () => new Date(Date.now() + 400 * 86_400_000),
    });
    expect(purged).toContain(report.id);
    const gone = await t.call('GET', `/v1/reports/${report.id}/screenshot`);
    expect(gone.status).toBe(404);
    const [left] = await t.db.query('SELECT 1 FROM report_screenshots WHERE report_id = $1', [
      report.id,
    ]);
    expect(left).toBeUndefined();
  });

  it('refuses other types with 415, more than 2 MB with 413, a wrong hash with 400, storing nothing', async () => {
    const before = await rowCounts(t.db);
    const send = (screenshot: unknown) =>
      t.call('POST', '/v1/reports', { body: { ...REPORT_EXAMPLE, screenshot } });
    const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
    let answer = await send(evidence(gif, 'image/gif'));
    expect(answer.status).toBe(415);
    answer = await send(evidence(gif, 'image/png')); // says PNG, is not
    expect(answer.status).toBe(415);
    expect(ErrorBody.parse(await answer.json()).message).toContain('not a PNG');
    const big = Buffer.concat([PNG, Buffer.alloc(2_000_001)]);
    answer = await send(evidence(big));
    expect(answer.status).toBe(413);
    answer = await send({ ...evidence(PNG), sha256: 'a'.repeat(64) });
    expect(answer.status).toBe(400);
    expect(ErrorBody.parse(await answer.json()).issues?.[0]?.path).toBe('screenshot.sha256');
    answer = await send({ ...evidence(PNG), data: 'not base64!' });
    expect(ErrorBody.parse(await answer.json()).issues?.[0]?.path).toBe('screenshot.data');
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
