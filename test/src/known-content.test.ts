import { createHash } from 'node:crypto';
import {
  pdqHashPhoto,
  pdqHexDistance,
  ReportedContent,
  textSignal,
  textSignalDistance,
} from '@counterweight/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';
import { fillTerroristReview, outboxCard } from './harness/review-flow';
import { png, resizedRecompressed, texture } from './harness/test-images';

// Issue 17: banked texts matched on the page, and a matched image reported from the side panel.
const BANKED =
  'Brothers of the northern front, the hour has come to take up arms and strike the unbelievers in their markets before the winter';
const EDITED =
  'Brothers of the northern front, the hour has come to take up arms and strike the unbelievers in their markets before winter #northfront';
const UNRELATED =
  'The village council met on Tuesday evening to discuss the new bus timetable and the repairs to the old stone bridge';
// Banked in the positive bank and also in a negative one (known lawful): never marked.
const LAWFUL =
  'Archive footage from the 1998 documentary about the northern front, shown with commentary by historians of the region';

let rig: E2E;
let admin: string;
// Larger than 512 on a side: the extension draws it onto a 512 × 512 canvas by nearest
// neighbour, which must give the hash the shared code computes (the reference's resample).
const original = texture(1000, 750, 1);
const copy = resizedRecompressed(original, 800, 600, 70);
const copyBytes = png(copy);
const copyPdq = pdqHashPhoto(copy).hash;
const imageDistance = pdqHexDistance(copyPdq, pdqHashPhoto(original).hash);
const textDistance = textSignalDistance(textSignal(EDITED)!, textSignal(BANKED)!);
const label = { category: 'terrorist_content', source: 'e2e list' };

const apiCall = async (path: string, body: unknown) => {
  const res = await fetch(`${rig.api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
};

beforeAll(async () => {
  rig = await startE2E(PORTS.knownContent, { tokens: ['admin'] });
  admin = rig.tokens.admin!;
  await apiCall('/v1/banks', { name: 'e2e-bank', kind: 'positive', description: 'test bank' });
  await apiCall('/v1/banks', { name: 'e2e-lawful', kind: 'negative', description: 'lawful' });
  await apiCall('/v1/banks/e2e-bank/signals', {
    signals: [
      { type: 'pdq', value: pdqHashPhoto(original).hash, label },
      { type: 'text', value: textSignal(BANKED), label },
      { type: 'text', value: textSignal(LAWFUL), label },
    ],
  });
  await apiCall('/v1/banks/e2e-lawful/signals', {
    signals: [{ type: 'text', value: textSignal(LAWFUL), label: { ...label, source: 'archive' } }],
  });
  rig.fixtures.generated.set('/banked-copy.png', { type: 'image/png', body: copyBytes });
  rig.fixtures.generated.set('/known.html', {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><body>
      <p id="edited">${EDITED}</p><p id="unrelated">${UNRELATED}</p><p id="lawful">${LAWFUL}</p>
      <img id="banked" src="/banked-copy.png" alt="emblem on a flag"></body></html>`,
  });
}, 180_000);
afterAll(async () => {
  await rig?.dispose();
});

const attributes = (page: Page, id: string) =>
  page.$eval(`#${id}`, (el) => [
    el.getAttribute('data-counterweight'),
    el.getAttribute('data-counterweight-bank'),
    el.getAttribute('data-counterweight-distance'),
  ]);

describe('known content on the page (real Chromium, real API)', () => {
  it('marks a slightly edited banked text with bank and distance; an unrelated text and one a negative bank holds stay bare', async () => {
    expect(imageDistance).toBeLessThanOrEqual(31);
    expect(textDistance).toBeGreaterThan(0);
    expect(textDistance).toBeLessThanOrEqual(24);
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/known.html'));
    await page.waitForSelector('#edited[data-counterweight="match"]', { timeout: 60_000 });
    expect(await attributes(page, 'edited')).toEqual(['match', 'e2e-bank', String(textDistance)]);
    expect(await page.$eval('#edited', (el) => el.firstElementChild?.tagName.toLowerCase())).toBe(
      'counterweight-marker',
    );
    const panel = await rig.browser.openSidePanel(await rig.browser.tabIdOf(page));
    const known = panel.getByRole('list', { name: 'Known texts' });
    await known.waitFor({ timeout: 15_000 });
    expect(await known.getByRole('listitem').count()).toBe(1);
    expect(await known.textContent()).toContain(
      `bank e2e-bank (e2e list), text signal distance ${textDistance}`,
    );
    // Every block has been classified by now (the panel lists what the scanner answered for).
    await panel.getByRole('heading', { name: /Flags on this page/ }).waitFor();
    expect(await attributes(page, 'unrelated')).toEqual([null, null, null]);
    expect(await attributes(page, 'lawful')).toEqual([null, null, null]);
    await panel.close();
    await page.close();
  });

  it('reports a matched image from the side panel: the report carries its hashes and match, and the screenshot the reviewer kept', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/known.html'));
    await page.waitForSelector('#banked[data-counterweight="match"]', { timeout: 30_000 });
    const panel = await rig.browser.openSidePanel(await rig.browser.tabIdOf(page));
    const images = panel.getByRole('list', { name: 'Known images' });
    await images.waitFor({ timeout: 15_000 });
    await images.getByRole('button', { name: 'Report' }).click();
    await panel.getByRole('heading', { name: 'Review this known image' }).waitFor();
    expect(await panel.getByTestId('image-pdq').textContent()).toContain(copyPdq);
    await fillTerroristReview(panel);
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Capture screenshot as evidence' }).click();
    await panel.getByRole('img', { name: /Screenshot of the visible tab/ }).waitFor();
    await panel.getByRole('button', { name: 'Preview report' }).click();
    const excerpt = `Image "emblem on a flag" at ${rig.fixtures.url('/banked-copy.png')}`;
    await panel.getByRole('button', { name: 'Send report' }).click();
    await outboxCard(panel, excerpt.slice(0, 40))
      .getByText(/^Case /)
      .waitFor({ timeout: 30_000 });

    const { status, body } = await rig.api.get('/v1/queue?limit=100', rig.token);
    expect(status).toBe(200);
    const items = (body as { items: { detectedBy: string; content: unknown }[] }).items;
    const reported = items.filter((r) => ReportedContent.parse(r.content).contentType === 'image');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.detectedBy).toBe('hash_match');
    const content = ReportedContent.parse(reported[0]!.content);
    expect(content).toMatchObject({
      excerpt,
      url: rig.fixtures.url('/known.html'),
      contentType: 'image',
      signals: [
        { type: 'pdq', value: copyPdq },
        { type: 'md5', value: createHash('md5').update(copyBytes).digest('hex') },
        { type: 'sha256', value: createHash('sha256').update(copyBytes).digest('hex') },
      ],
      media: {
        url: rig.fixtures.url('/banked-copy.png'),
        match: { bank: 'e2e-bank', distance: imageDistance },
      },
    });
    expect(content.media!.pdqQuality).toBe(pdqHashPhoto(copy).quality);
    const post = rig.proxy.requests.filter(
      (r) => r.method === 'POST' && r.url.endsWith('/v1/reports'),
    );
    expect(post).toHaveLength(1);
    const { screenshot } = JSON.parse(post[0]!.body) as { screenshot: { sha256: string } };
    // The screenshot is evidence of the page: it goes with the report, not among its hashes.
    expect(screenshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(content.signals!.map((s) => s.value)).not.toContain(screenshot.sha256);
    await panel.close();
    await page.close();
  });

  it('sends nothing of the page but the report: no page text, no image bytes, hashes only in the report', () => {
    for (const text of [EDITED, UNRELATED, LAWFUL]) expect(rig.proxy.carrying(text)).toEqual([]);
    expect(rig.proxy.carrying(textSignal(EDITED)!)).toEqual([]);
    // The only upload to the API is the report (the rest are reads: the token check, the banks).
    const uploads = rig.proxy.requests.filter(
      (r) => r.url.startsWith(rig.api.baseUrl) && r.method !== 'GET',
    );
    expect(uploads.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /v1/reports',
    ]);
    expect(rig.proxy.requests.filter((r) => r.url.includes('/v1/match'))).toEqual([]);
    const withHash = rig.proxy.carrying(copyPdq);
    expect(withHash.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /v1/reports',
    ]);
    const imageBase64 = copyBytes.toString('base64').slice(0, 200);
    expect(rig.proxy.carrying(imageBase64)).toEqual([]);
    // The extension fetched the image itself, from its own host, sending nothing with it.
    for (const r of rig.proxy.requests.filter((q) => q.url.endsWith('.png')))
      expect([r.method, r.body]).toEqual(['GET', '']);
  });
});
