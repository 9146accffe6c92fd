import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness/e2e-setup';
import { DISTINCT_HITS, REPEATED } from './harness/large-page';
import { PORTS } from './harness/paths';

let rig: E2E;
beforeAll(async () => {
  rig = await startE2E(PORTS.sidePanel);
});
afterAll(async () => {
  await rig?.dispose();
});

const FLAGS = 205 + DISTINCT_HITS.length;
const repeatedMarkers = (page: Page) =>
  page.$$eval('p[data-kind="repeated"][data-counterweight]', (els) => els.length);

/** The long thread, classified, with its side panel open. */
async function openThread(): Promise<{ page: Page; panel: Page; tabId: number }> {
  const page = await rig.browser.context.newPage();
  await page.goto(rig.fixtures.url('/grouped.html?n=2000'));
  const tabId = await rig.browser.tabIdOf(page);
  const panel = await rig.browser.openSidePanel(tabId);
  await panel
    .getByRole('heading', { name: `Flags on this page (${FLAGS})` })
    .waitFor({ timeout: 60_000 });
  return { page, panel, tabId };
}

const cards = (panel: Page) => panel.getByRole('list', { name: 'Flags' }).getByRole('listitem');
const cardTexts = (panel: Page) => cards(panel).locator('.excerpt').allTextContents();

describe('the side panel on a long page (real model, real Chromium)', () => {
  it('says how far the classification has got while the page is classified, then no more', async () => {
    // The panel is open before the page loads, so no pass of the classification is missed.
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/xss.html'));
    const tabId = await rig.browser.tabIdOf(page);
    const panel = await rig.browser.openSidePanel(tabId);
    // The first page is classified (its five blocks fit one batch) before the lines are watched.
    await page.waitForFunction(
      () => document.querySelector('[data-counterweight]') !== null,
      null,
      {
        timeout: 30_000,
      },
    );
    await expect.poll(() => panel.getByRole('progressbar').count()).toBe(0);
    await panel.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const line = document.querySelector('[role="progressbar"]')?.textContent;
        if (line && seen.at(-1) !== line) seen.push(line);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(rig.fixtures.url('/grouped.html?n=2000'));
    await panel
      .getByRole('heading', { name: `Flags on this page (${FLAGS})` })
      .waitFor({ timeout: 60_000 });
    await expect.poll(() => panel.getByRole('progressbar').count()).toBe(0);
    const seen = await panel.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toMatch(/^Classified [\d,]+ of 2,000 blocks…$/);
    await Promise.all([panel.close(), page.close()]);
  });

  it('collapses 205 near-duplicates into one group; its dismissal clears their 205 markers, and undo brings them back', async () => {
    const { page, panel, tabId } = await openThread();
    expect(await repeatedMarkers(page)).toBe(205);
    await panel.getByText(`${FLAGS} flags in 4 groups of similar texts.`).waitFor();
    // The toolbar icon counts the page's flags.
    const badge = await rig.browser.worker.evaluate(
      (id) =>
        (
          globalThis as unknown as {
            chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
          }
        ).chrome.action.getBadgeText({ tabId: id }),
      tabId,
    );
    expect(badge).toBe(String(FLAGS));
    const group = cards(panel).filter({ hasText: '205 similar texts, 205 blocks' });
    await group.getByRole('button', { name: 'Dismiss all 205' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('p[data-kind="repeated"][data-counterweight]').length === 0,
    );
    await panel.getByRole('heading', { name: `Flags on this page (${FLAGS - 205})` }).waitFor();
    // The real hits are still there.
    expect(await page.$$eval('p[data-kind^="hit-"][data-counterweight]', (e) => e.length)).toBe(3);
    await panel.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('p[data-kind="repeated"][data-counterweight]').length === 205,
    );
    await panel.getByRole('heading', { name: `Flags on this page (${FLAGS})` }).waitFor();
    await Promise.all([panel.close(), page.close()]);
  });

  it('sorts by score or page order and filters by label and decision', async () => {
    const { page, panel } = await openThread();
    // Page order: the repeated post comes first on the page.
    await panel.getByLabel('Sort').selectOption('page');
    await expect.poll(async () => (await cardTexts(panel))[0]).toContain(REPEATED);
    // By score: the highest-scoring group first, scores never rising down the list.
    await panel.getByLabel('Sort').selectOption('score');
    const scores = async () =>
      (await cards(panel).allTextContents()).map((t) => Number(/ (\d\.\d\d)/.exec(t)?.[1]));
    await expect
      .poll(async () => {
        const s = await scores();
        return s.every((x, i) => i === 0 || x <= s[i - 1]!);
      })
      .toBe(true);
    await panel.getByLabel('Label').selectOption('extremist');
    await expect
      .poll(() => cardTexts(panel))
      .toEqual(expect.arrayContaining([expect.stringContaining('caliphate')]));
    expect((await cardTexts(panel)).some((t) => t.includes(REPEATED))).toBe(false);
    await panel.getByLabel('Decision').selectOption('uncertain');
    await expect.poll(() => cards(panel).count()).toBe(0);
    await panel.getByLabel('Label').selectOption('any');
    await panel.getByLabel('Decision').selectOption('any');
    await expect.poll(() => cards(panel).count()).toBe(4);
    await Promise.all([panel.close(), page.close()]);
  });

  it('keyboard: j and k move the selection, Enter opens the review, d dismisses', async () => {
    const { page, panel } = await openThread();
    await panel.getByLabel('Sort').selectOption('page');
    await panel.locator('h1').click();
    const selected = () => panel.locator('li[aria-current="true"] .excerpt').textContent();
    await expect.poll(selected).toContain(REPEATED);
    await panel.keyboard.press('j');
    await expect.poll(selected).toContain(DISTINCT_HITS[0]!);
    await panel.keyboard.press('j');
    await panel.keyboard.press('k');
    await expect.poll(selected).toContain(DISTINCT_HITS[0]!);
    await panel.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Review this flag' }).waitFor();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.locator('h1').click();
    await panel.keyboard.press('j');
    await expect.poll(selected).toContain(DISTINCT_HITS[1]!);
    await panel.keyboard.press('d');
    await panel.getByRole('heading', { name: `Flags on this page (${FLAGS - 1})` }).waitFor();
    await page.waitForFunction(
      () => !document.querySelector('p[data-kind="hit-2"][data-counterweight]'),
    );
    await Promise.all([panel.close(), page.close()]);
  });

  it('the dismissal is undone from the options, per site', async () => {
    const options = await rig.browser.context.newPage();
    await options.goto(rig.browser.extensionUrl('options.html'));
    await options.getByRole('button', { name: 'Undo dismissals on 127.0.0.1' }).click();
    await options.getByText('No dismissals.').waitFor();
    await options.close();
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/grouped.html?n=2000'));
    await page.waitForSelector('p[data-kind="hit-2"][data-counterweight]', { timeout: 60_000 });
    await page.close();
  });

  it("does not scan the API's own pages (the fixture pages, another port of the same host, are scanned above)", async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(`${rig.api.baseUrl}/transparency`);
    const tabId = await rig.browser.tabIdOf(page);
    const panel = await rig.browser.openSidePanel(tabId);
    await panel.getByText(/This is a page of the Counterweight API/).waitFor();
    expect(await page.$$eval('[data-counterweight], counterweight-marker', (e) => e.length)).toBe(
      0,
    );
    const popup = await rig.browser.context.newPage();
    await popup.goto(rig.browser.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.getByText(/A page of the Counterweight API this browser reports to/).waitFor();
    await Promise.all([popup.close(), panel.close(), page.close()]);
  });
});

describe('opt-in feedback (real API, recording proxy)', () => {
  it('is off by default; once on, a group dismissal goes out as counts without text, address or site, and /transparency shows the rate', async () => {
    const options = await rig.browser.context.newPage();
    await options.goto(rig.browser.extensionUrl('options.html'));
    const optIn = options.getByLabel(
      'Send daily counts of my dismissals and confirmations to the API',
    );
    expect(await optIn.isChecked()).toBe(false);
    await optIn.check();

    const { page, panel } = await openThread();
    const group = cards(panel).filter({ hasText: '205 similar texts, 205 blocks' });
    await group.getByRole('button', { name: 'Dismiss all 205' }).click();
    await panel.getByRole('heading', { name: `Flags on this page (${FLAGS - 205})` }).waitFor();

    await options.getByText('205 verdicts waiting to be sent.').waitFor();
    await options.getByRole('button', { name: 'Send now' }).click();
    await options.getByText('Sent 205 counted verdicts.').waitFor();

    const sent = rig.proxy.requests.filter(
      (r) => r.method === 'POST' && r.url.endsWith('/v1/feedback'),
    );
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body;
    for (const secret of [REPEATED, 'vermin', 'Post 1000', 'grouped.html', `:${rig.fixtures.port}`])
      expect(body, secret).not.toContain(secret);
    const batch = JSON.parse(body) as { counts: Record<string, unknown>[] };
    for (const count of batch.counts)
      expect(Object.keys(count).sort()).toEqual([
        'count',
        'day',
        'decision',
        'label',
        'language',
        'modelVersion',
        'outcome',
        'scoreBucket',
      ]);
    expect(batch.counts.reduce((n, c) => n + Number(c.count), 0)).toBe(205);
    expect(batch.counts.every((c) => c.outcome === 'dismissed' && c.language === 'en')).toBe(true);

    const transparency = await rig.browser.context.newPage();
    await transparency.goto(`${rig.api.baseUrl}/transparency`);
    const row = transparency.locator('#false-flags tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').allTextContents()).toEqual([
      '205',
      '0',
      '100.0 %',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    await Promise.all([transparency.close(), options.close(), panel.close(), page.close()]);
  });
});
