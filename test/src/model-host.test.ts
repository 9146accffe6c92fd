import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ExtensionBrowser } from './harness/browser';
import { FixtureServer } from './harness/fixture-server';
import { freePort } from './harness/free-port';
import { PORTS } from './harness/paths';

/** extension/src/utils/classifier/offscreen-classifier.ts: MODEL_IDLE_MS. */
const MODEL_IDLE_MS = 15_000;

let browser: ExtensionBrowser;
let fixtures: FixtureServer;
beforeAll(async () => {
  fixtures = new FixtureServer(await freePort(PORTS.modelHost.fixtures, new Set()));
  await fixtures.start();
  browser = new ExtensionBrowser(null);
  await browser.launch();
});
afterAll(async () => {
  await browser?.close();
  await fixtures?.stop();
});

/** The extension's offscreen documents, as the service worker sees them. */
function offscreenDocuments(): Promise<number> {
  return browser.worker.evaluate(async () => {
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { getContexts(filter: object): Promise<unknown[]> } };
      }
    ).chrome.runtime;
    return (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
  });
}

async function flagsOn(page: Page, n: number): Promise<number> {
  await page.goto(fixtures.url(`/large.html?n=${n}&at=${Date.now()}`));
  await page.waitForFunction(
    (k) => document.querySelectorAll('[data-counterweight] > counterweight-marker').length >= k,
    n / 10,
    { timeout: 30_000 },
  );
  return page.$$eval('[data-counterweight]', (els) => els.length);
}

describe('the model host (Chrome: an offscreen document)', () => {
  it('opens for a page, closes when idle so its memory goes back, and opens again for the next page', async () => {
    const page = await browser.context.newPage();
    expect(await flagsOn(page, 100)).toBe(10);
    expect(await offscreenDocuments()).toBe(1);
    // Nothing asks the model: the document closes MODEL_IDLE_MS after its last answer.
    const closedBy = Date.now() + MODEL_IDLE_MS + 20_000;
    while ((await offscreenDocuments()) > 0 && Date.now() < closedBy)
      await page.waitForTimeout(500);
    expect(await offscreenDocuments()).toBe(0);
    // The next page is classified by a model loaded again.
    expect(await flagsOn(page, 200)).toBe(20);
    expect(await offscreenDocuments()).toBe(1);
    await page.close();
  }, 90_000);
});
