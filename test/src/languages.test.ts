import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier } from '@counterweight/models/load-node';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';

let rig: E2E;
beforeAll(async () => {
  rig = await startE2E(PORTS.languages);
});
afterAll(async () => {
  await rig?.dispose();
});

// The heading is a Russian block too: four in Russian.
const NOTICE =
  /^4 blocks in Russian \(\d+ % of the page\), 2 blocks in German \(\d+ %\) and 2 blocks in Arabic \(\d+ %\) were not checked: the model covers English\.$/;

describe('a page in languages the model does not read (real model, real Chromium)', () => {
  it('the model abstains on the Russian, German and Arabic blocks and reads the English one', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/languages.html'));
    const blocks = await page.$$eval('#other p', (els) =>
      els.map((el) => ({
        lang: el.getAttribute('data-lang'),
        text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
    await page.close();
    const classifier = await loadClassifier();
    const results = await classifier.classify(blocks.map((b) => b.text));
    results.forEach((r, i) =>
      expect(r, blocks[i]!.text).toMatchObject({ decision: 'abstain', language: blocks[i]!.lang }),
    );
    classifier.dispose();
  });

  it('puts no marker on them, and the side panel and popup say which were not checked', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/languages.html'));
    await page.waitForFunction(
      () => document.querySelector('#en-1[data-counterweight]') !== null,
      null,
      {
        timeout: 30_000,
      },
    );
    await page.waitForTimeout(1_000);
    expect(
      await page.$$eval(
        '#other p',
        (els) => els.filter((el) => el.hasAttribute('data-counterweight')).length,
      ),
    ).toBe(0);
    expect(await page.$$eval('#other counterweight-marker', (els) => els.length)).toBe(0);
    const tabId = await rig.browser.tabIdOf(page);
    const panel = await rig.browser.openSidePanel(tabId);
    await panel.getByRole('heading', { name: 'Flags on this page (1)' }).waitFor();
    await expect.poll(() => panel.getByRole('note').textContent()).toMatch(NOTICE);
    const popup = await rig.browser.context.newPage();
    await popup.goto(rig.browser.extensionUrl(`popup.html?tabId=${tabId}`));
    await expect.poll(() => popup.getByRole('note').textContent()).toMatch(NOTICE);
    await Promise.all([popup.close(), panel.close(), page.close()]);
  });
});
