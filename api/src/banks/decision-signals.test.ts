import { createHash } from 'node:crypto';
import {
  LogEntry,
  MatchResponse,
  pdqFromHex,
  pdqToHex,
  PROJECT_BANK,
  textSignal,
  ErrorBody,
} from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { decideCases } from '../testing/decided-cases';
import { withTestApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const REPORT_EXAMPLE_CATEGORY = DECISION_EXAMPLE.category;
/** `hex` with its lowest `n` bits flipped. */
const flip = (hex: string, n: number) => {
  const bits = pdqFromHex(hex);
  for (let b = 0; b < n; b++) bits[7 - (b >>> 5)] = (bits[7 - (b >>> 5)]! ^ (1 << (b & 31))) >>> 0;
  return pdqToHex(bits);
};
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let t: TestApp;
const errorOf = async (res: Response) => ErrorBody.parse(await res.json());
const match = async (signals: { type: string; value: string }[]) => {
  const res = await t.call('POST', '/v1/match', { token: t.tokens.cso, body: { signals } });
  expect(res.status).toBe(200);
  return MatchResponse.parse(await res.json()).matches;
};
const bankLog = async () =>
  (
    await t.db.query<{ entry: string }>(
      `SELECT convert_from(data, 'UTF8') AS entry FROM log_entries ORDER BY idx`,
    )
  )
    .map((r) => LogEntry.parse(JSON.parse(r.entry)))
    .filter((e) => e.type.startsWith('bank_'));

describe.each(storesUnderTest())('signals from decisions on %s', (kind) => {
  withTestApp(kind, (app) => {
    t = app;
  });

  it('a removal decision banks its content’s hashes; reversing it on appeal takes them out', async () => {
    const excerpt = REPORT_EXAMPLE.content.excerpt;
    const query = [
      { type: 'sha256', value: sha(excerpt) },
      { type: 'text', value: textSignal(excerpt + ' #repost')! },
    ];
    await decideCases(t, [{ action: 'label' }]);
    expect(await match(query)).toEqual([]);
    await decideCases(t, [
      { action: 'remove', appeal: { outcome: 'reversed', reasons: 'News report.' } },
    ]);
    expect(await match(query)).toEqual([]);
    const [removed] = (await bankLog()).filter((e) => e.type === 'bank_signals_removed');
    expect(removed?.details).toMatchObject({
      bank: PROJECT_BANK,
      count: 2,
      types: ['sha256', 'text'],
    });

    await decideCases(t, [
      { action: 'remove', appeal: { outcome: 'upheld', reasons: 'Stays removed.' } },
    ]);
    const banked = await match(query);
    expect(banked.map((m) => [m.signal, m.bank])).toEqual([
      [0, PROJECT_BANK],
      [1, PROJECT_BANK],
    ]);
    expect(banked[0]).toMatchObject({ distance: 0, label: { category: REPORT_EXAMPLE_CATEGORY } });
    expect(banked[1]!.distance).toBeGreaterThan(0);
  });

  it('an image report carries its hashes and match; its removal banks them, not the excerpt nor the screenshot', async () => {
    const imagePdq = flip(PDQ, 200);
    const md5 = '0cc175b9c0f1b6a831c399e269772661';
    const imageSha = sha('the image bytes');
    const screenshotBytes = Buffer.from('\x89PNG\r\n\x1a\n screenshot of the tab', 'latin1');
    const screenshotSha = createHash('sha256').update(screenshotBytes).digest('hex');
    const media = {
      url: 'https://example.org/banked.png',
      pdqQuality: 92,
      match: { bank: 'e2e-bank', distance: 6 },
    };
    const excerpt = 'Image "flag of an armed group" https://example.org/banked.png';
    const imageContent = {
      ...REPORT_EXAMPLE.content,
      excerpt,
      excerptSha256: sha(excerpt),
      contentType: 'image',
      signals: [
        { type: 'pdq', value: imagePdq },
        { type: 'md5', value: md5 },
        { type: 'sha256', value: imageSha },
      ],
      media,
    };
    const refused = async (content: object, path: string) => {
      const res = await t.call('POST', '/v1/reports', { body: { ...REPORT_EXAMPLE, content } });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).issues?.[0]?.path).toBe(path);
    };
    await refused(
      { ...imageContent, signals: [{ type: 'pdq', value: 'x' }] },
      'content.signals.0.value',
    );
    await refused(
      { ...imageContent, signals: [{ type: 'md5', value: imageSha }] },
      'content.signals.0.value',
    );
    await refused(
      { ...imageContent, media: { ...media, pdqQuality: 101 } },
      'content.media.pdqQuality',
    );
    await refused(
      { ...imageContent, media: { ...media, match: { bank: 'e2e-bank', distance: 40 } } },
      'content.media.match.distance',
    );
    const report = await t.call('POST', '/v1/reports', {
      body: {
        ...REPORT_EXAMPLE,
        detectedBy: 'hash_match',
        classifier: null,
        content: imageContent,
        screenshot: {
          mediaType: 'image/png',
          sha256: screenshotSha,
          data: screenshotBytes.toString('base64'),
        },
      },
    });
    expect(report.status, await report.clone().text()).toBe(201);
    const { id } = (await report.json()) as { id: string };
    const stored = await t.call('GET', `/v1/reports/${id}`, { token: t.tokens.reviewer2 });
    expect(((await stored.json()) as { content: unknown }).content).toMatchObject({
      media,
      signals: imageContent.signals,
    });
    expect(await match([{ type: 'pdq', value: imagePdq }])).toEqual([]);
    const decided = await t.decide(id, {
      token: t.tokens.reviewer2,
      body: { ...DECISION_EXAMPLE, escalateThreatToLife: false },
    });
    expect(decided.status).toBe(201);
    // Found by a hash match: automated detection in the statement of reasons.
    const { statement } = (await decided.json()) as { statement: { automated_detection: string } };
    expect(statement.automated_detection).toBe('Yes');
    const banked = await match([
      { type: 'pdq', value: flip(imagePdq, 5) },
      { type: 'md5', value: md5 },
      { type: 'sha256', value: imageSha },
      { type: 'sha256', value: screenshotSha },
      { type: 'sha256', value: sha(excerpt) },
    ]);
    expect(banked.map((m) => [m.signal, m.distance])).toEqual([
      [0, 5],
      [1, 0],
      [2, 0],
    ]);
    const [added] = (await bankLog()).filter((e) => e.type === 'bank_signals_added').slice(-1);
    expect(added?.details).toMatchObject({ count: 3, types: ['md5', 'pdq', 'sha256'] });
  });
});
