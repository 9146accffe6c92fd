import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier } from '@counterweight/models/load-node';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';
import { outboxCard, reportsInApi } from './harness/review-flow';

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

  it('a reviewer selects the German sentence the model abstained on and reports it from the context menu', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/languages.html'));
    const text = ((await page.textContent('#de-1')) ?? '').replace(/\s+/g, ' ').trim();
    const tabId = await rig.browser.tabIdOf(page);
    const panel = await rig.browser.openSidePanel(tabId);
    await panel.getByRole('heading', { name: 'Flags on this page (1)' }).waitFor();
    // Headless Chromium cannot click a native context menu: do what its handler does
    // (selectionFromMenuClick, then store the pending selection) from the service worker.
    await rig.browser.worker.evaluate(
      async ({ text, url, tab }) => {
        const chrome = (
          globalThis as unknown as {
            chrome: { storage: { local: { set(v: object): Promise<void> } } };
          }
        ).chrome;
        await chrome.storage.local.set({
          pendingSelection: { text, url, capturedAt: new Date().toISOString(), tabId: tab },
        });
      },
      { text, url: page.url(), tab: tabId },
    );
    await panel.getByRole('heading', { name: 'Review the selected text' }).waitFor();
    // identified on-device as German, although the page declares Russian
    const language = panel.getByLabel('Language of the content (ISO 639-1)');
    await expect.poll(() => language.inputValue()).toBe('de');
    await panel.getByRole('radio', { name: 'Hate speech', exact: true }).check();
    await panel
      .getByRole('radio', { name: 'Nationality or migration status', exact: true })
      .check();
    await panel.getByRole('radio', { name: 'No exemption applies' }).check();
    await panel
      .getByLabel('Reasoning on the purpose of the dissemination')
      .fill('Dehumanises foreigners; no news, research or counter-speech purpose.');
    await panel.getByRole('radio', { name: 'Remove', exact: true }).check();
    await panel.getByLabel('Rationale').fill('Calls foreigners vermin to be chased out.');
    await panel.getByRole('button', { name: 'Preview report' }).click();
    const preview = JSON.parse((await panel.getByTestId('preview-json').textContent()) ?? '');
    expect(preview).toMatchObject({
      detectedBy: 'reviewer',
      classifier: null,
      content: { excerpt: text, language: 'de', url: rig.fixtures.url('/languages.html') },
    });
    await panel.getByRole('button', { name: 'Send report' }).click();

    await outboxCard(panel, text.slice(0, 40))
      .getByText(/^Case /)
      .waitFor({ timeout: 30_000 });
    const posts = rig.proxy.requests.filter(
      (r) => r.method === 'POST' && r.url.endsWith('/v1/reports'),
    );
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toEqual(preview);
    const stored = await reportsInApi(rig.api, rig.token, text);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      detectedBy: 'reviewer',
      classifier: null,
      content: { language: 'de' },
    });
    await Promise.all([panel.close(), page.close()]);
  });
});
