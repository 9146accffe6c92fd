import { pdqHashPhoto, pdqHexDistance } from '@counterweight/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';
import { png, resizedRecompressed, texture } from './harness/test-images';

const SECRET = 'Kestrel lantern 7741 marks the page text';
let rig: E2E;
let admin: string;
const original = texture(400, 300, 1);
const copy = resizedRecompressed(original, 300, 225, 70);
const unrelated = texture(320, 240, 4);
const bankedPdq = pdqHashPhoto(original).hash;
const unrelatedPdq = pdqHashPhoto(unrelated).hash;
const expectedDistance = pdqHexDistance(pdqHashPhoto(copy).hash, bankedPdq);

const apiCall = async (path: string, body: unknown) => {
  const res = await fetch(`${rig.api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
};
const label = { category: 'terrorist_content', source: 'e2e list' };

beforeAll(async () => {
  rig = await startE2E(PORTS.hashMatch, { tokens: ['admin'] });
  admin = rig.tokens.admin!;
  await apiCall('/v1/banks', { name: 'e2e-bank', kind: 'positive', description: 'test bank' });
  await apiCall('/v1/banks/e2e-bank/signals', {
    signals: [{ type: 'pdq', value: bankedPdq, label }],
  });
  rig.fixtures.generated.set('/banked-copy.png', { type: 'image/png', body: png(copy) });
  rig.fixtures.generated.set('/unrelated.png', { type: 'image/png', body: png(unrelated) });
  rig.fixtures.generated.set('/icon.png', { type: 'image/png', body: png(texture(16, 16, 2)) });
  rig.fixtures.generated.set('/images.html', {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><body><p>${SECRET}</p>
      <img id="banked" src="/banked-copy.png" alt="a"><img id="unrelated" src="/unrelated.png" alt="b">
      <img id="icon" src="/icon.png" alt="c"></body></html>`,
  });
});
afterAll(async () => {
  await rig?.dispose();
});

const attributes = (page: Page, id: string) =>
  page.$eval(`#${id}`, (el) => ({
    match: el.getAttribute('data-counterweight'),
    bank: el.getAttribute('data-counterweight-bank'),
    distance: el.getAttribute('data-counterweight-distance'),
  }));

describe('known images matched on the page (real Chromium, real API)', () => {
  it('marks a resized and recompressed copy of a banked image with its distance, and nothing else', async () => {
    expect(expectedDistance).toBeGreaterThan(0);
    expect(expectedDistance).toBeLessThanOrEqual(31);
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/images.html'));
    await page.waitForSelector('#banked[data-counterweight="match"]', { timeout: 30_000 });
    expect(await attributes(page, 'banked')).toEqual({
      match: 'match',
      bank: 'e2e-bank',
      distance: String(expectedDistance),
    });
    await page.waitForTimeout(1_000);
    expect(await attributes(page, 'unrelated')).toEqual({
      match: null,
      bank: null,
      distance: null,
    });
    expect(await attributes(page, 'icon')).toEqual({ match: null, bank: null, distance: null });
    expect(
      await page.$eval('#banked', (el) => el.previousElementSibling?.tagName.toLowerCase()),
    ).toBe('counterweight-marker');
    // The side panel lists the known image before the text flags.
    const panel = await rig.browser.openSidePanel(await rig.browser.tabIdOf(page));
    const known = panel.getByRole('list', { name: 'Known images' });
    await known.waitFor({ timeout: 15_000 });
    expect(await known.textContent()).toContain(
      `bank e2e-bank (e2e list), PDQ distance ${expectedDistance}`,
    );
    const headings = await panel.$$eval('h2', (hs) => hs.map((h) => h.textContent ?? ''));
    expect(headings.findIndex((h) => h.startsWith('Known images'))).toBeLessThan(
      headings.findIndex((h) => h.startsWith('Flags on this page')),
    );
    await panel.close();
    await page.close();
  });

  it('sends nothing of the page anywhere: no text, no image hash, no match request', () => {
    expect(rig.proxy.carrying('Kestrel lantern')).toEqual([]);
    const toApi = rig.proxy.requests.filter((r) => r.url.startsWith(rig.api.baseUrl));
    expect(toApi.filter((r) => r.url.includes('/v1/match'))).toEqual([]);
    for (const r of rig.proxy.requests)
      expect(r.url + r.body).not.toContain(pdqHashPhoto(copy).hash);
    // The extension fetched the images itself, from their own host only.
    const imageFetches = rig.proxy.requests.filter((r) => r.url.endsWith('.png'));
    for (const r of imageFetches) expect(r.url.startsWith(rig.fixtures.url('/'))).toBe(true);
  });

  it('refreshes the bank copy with its cursor, fetching only what changed', async () => {
    const signalRequests = () =>
      rig.proxy.requests.filter((r) => r.url.includes('/v1/banks/e2e-bank/signals'));
    expect(signalRequests().map((r) => new URL(r.url).search)).toEqual(['']);
    await apiCall('/v1/banks/e2e-bank/signals', {
      signals: [{ type: 'pdq', value: unrelatedPdq, label }],
    });
    // Age the copy so that the next page refreshes it (the interval is a minute).
    const worker = rig.browser.context.serviceWorkers()[0]!;
    await worker.evaluate(async () => {
      type Local = {
        get(key: string): Promise<Record<string, object>>;
        set(v: object): Promise<void>;
      };
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome
        .storage.local;
      const stored = await local.get('bank-copy');
      await local.set({ 'bank-copy': { ...stored['bank-copy'], refreshedAt: 0 } });
    });
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/images.html'));
    await page.waitForSelector('#unrelated[data-counterweight="match"]', { timeout: 30_000 });
    expect(await attributes(page, 'unrelated')).toEqual({
      match: 'match',
      bank: 'e2e-bank',
      distance: '0',
    });
    const searches = signalRequests().map((r) => new URL(r.url).search);
    expect(searches).toHaveLength(2);
    expect(searches[1]).toMatch(/^\?cursor=\d+$/);
    await page.close();
  });
});
