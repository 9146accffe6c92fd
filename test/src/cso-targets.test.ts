import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';
import { flagCard, outboxCard } from './harness/review-flow';

const SELECTED =
  'Immigrants are filthy animals, every last one of them deserves to be beaten and thrown out.';
const FLAGGED = 'Muslims are vermin and they should all be driven out of this country by force.';
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let rig: E2E;
let cso = '';

beforeAll(async () => {
  rig = await startE2E(PORTS.csoTargets, { configure: false, tokens: ['cso'] });
  cso = rig.tokens.cso!;
  const status = await rig.browser.configure(rig.api.baseUrl, cso);
  if (!status.includes('cso'))
    throw new Error(`the options page did not confirm the cso token: ${status}`);
});
afterAll(async () => {
  await rig?.dispose();
});

async function openWithPanel(path: string): Promise<{ page: Page; panel: Page; tabId: number }> {
  const page = await rig.browser.context.newPage();
  await page.goto(rig.fixtures.url(path));
  const tabId = await rig.browser.tabIdOf(page);
  const panel = await rig.browser.openSidePanel(tabId);
  return { page, panel, tabId };
}

/** Fills the target form in the side panel, previews and sends; returns the previewed body. */
async function markTarget(
  panel: Page,
  theme: RegExp,
  group: string,
  views: string | null,
): Promise<Record<string, unknown>> {
  const form = panel.getByTestId('target-panel');
  await form.waitFor();
  await form.getByRole('button', { name: 'Preview target' }).click();
  // nothing is queued until theme and group are chosen
  await expect.poll(() => form.locator('.issues').count()).toBeGreaterThanOrEqual(2);
  await form.getByRole('radio', { name: theme }).check();
  await form.getByLabel('Group targeted').selectOption(group);
  if (views !== null) await form.getByLabel('Views').fill(views);
  await form.getByRole('button', { name: 'Preview target' }).click();
  const issues = form.locator('.issues');
  if (await issues.count())
    throw new Error(`the form refused: ${(await issues.allTextContents()).join('; ')}`);
  const preview = JSON.parse(
    (await panel.getByTestId('target-preview-json').textContent()) ?? '',
  ) as Record<string, unknown>;
  await form.getByRole('button', { name: 'Send target' }).click();
  return preview;
}

/** The CSO desk of the console, signed in with the team's token (the old /cso address redirects). */
async function csoBoard(): Promise<Page> {
  const board = await rig.browser.context.newPage();
  await board.goto(`${rig.api.baseUrl}/cso`);
  await board.getByLabel('Token').fill(cso);
  await board.getByRole('button', { name: 'Sign in' }).click();
  await board.waitForSelector('#board li.target');
  return board;
}

describe('counter-narrative targets end to end (extension → API → the console’s CSO desk → trends)', () => {
  it('selected text: marked in the extension → on the board → claimed → response and outcome → in the trends', async () => {
    const { page, panel, tabId } = await openWithPanel('/cso-posts.html');
    // Headless Chromium cannot click a native context menu: do what its handler does
    // (pendingFromMenuClick, then store the pending target) from the extension's service worker.
    await rig.browser.worker.evaluate(
      async ({ text, url, tab }) => {
        const chrome = (
          globalThis as unknown as {
            chrome: { storage: { local: { set(v: object): Promise<void> } } };
          }
        ).chrome;
        await chrome.storage.local.set({
          pendingTarget: {
            text,
            url,
            capturedAt: new Date().toISOString(),
            source: 'selection',
            language: null,
            tabId: tab,
          },
        });
      },
      { text: SELECTED, url: page.url(), tab: tabId },
    );
    // the reach the page shows next to the post is read into the form
    await expect.poll(() => panel.getByLabel('Views').inputValue()).toBe('12400');
    expect(await panel.getByLabel('Shares').inputValue()).toBe('310');
    const preview = await markTarget(panel, /^Dehumanisation and us-vs-them/, 'migrants', null);
    expect(preview).toEqual({
      url: rig.fixtures.url('/cso-posts.html'),
      excerpt: SELECTED,
      excerptSha256: sha(SELECTED),
      theme: 'dehumanisation_us_vs_them',
      group: 'migrants',
      language: 'en',
      platform: '127.0.0.1',
      reach: { views: 12400, shares: 310 },
      source: 'selection',
      capturedAt: expect.any(String),
    });

    // the outbox delivers it with an Idempotency-Key, exactly as previewed
    const card = outboxCard(panel, `Target: ${SELECTED.slice(0, 40)}`);
    await card.getByText(/^Target T-\d+$/).waitFor({ timeout: 30_000 });
    const posts = rig.proxy.requests.filter(
      (r) => r.method === 'POST' && r.url.endsWith('/v1/targets'),
    );
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toEqual(preview);
    expect(posts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const reference = (await card.getByText(/^Target T-/).textContent())!.replace('Target ', '');

    // on the board, the team claims it, records the response and its outcome
    const board = await csoBoard();
    const item = board.locator('#board li.target', { hasText: SELECTED });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.reference').textContent()).toBe(reference);
    expect(await item.locator('.excerpt').textContent()).toBe(SELECTED);
    expect(await item.locator('.guidance li').first().textContent()).toMatch(/we against them/);
    await item.locator('.claim-form input[name=assignee]').fill('Samira');
    await item.locator('.claim-form button').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('claimed');
    await item
      .locator('.response-form input[name=url]')
      .fill('https://video.example/our-neighbours');
    await item.locator('.response-form select[name=kind]').selectOption('alternative');
    await item.locator('.response-form button').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('responded');
    await item.locator('.outcome-form input[name=views]').fill('5400');
    await item.locator('.outcome-form input[name=shares]').fill('120');
    await item.locator('.outcome-form button').click();
    await expect.poll(() => item.locator('.outcomes li').count()).toBe(1);

    // counted in the trends, on the board's chart and in the API
    await board.reload();
    await board.waitForSelector('#trend-legend li');
    expect(await board.locator('#trend-legend li .series-name').allTextContents()).toContain(
      'Dehumanisation and us-vs-them × Migrants × en (1)',
    );
    const trends = (await rig.api.get('/v1/targets/trends?by=theme,group', cso)).body as {
      series: { theme: string; group: string; total: number; points: { count: number }[] }[];
    };
    const series = trends.series.find(
      (s) => s.theme === 'dehumanisation_us_vs_them' && s.group === 'migrants',
    );
    expect(series?.total).toBe(1);
    expect(series?.points.at(-1)?.count).toBe(1);

    const stored = (await rig.api.get('/v1/targets?group=migrants', cso)).body as {
      items: Record<string, unknown>[];
    };
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({
      status: 'responded',
      claim: { assignee: 'Samira' },
      responses: [{ kind: 'alternative', url: 'https://video.example/our-neighbours' }],
      outcomes: [{ figures: { awareness: { views: 5400 }, engagement: { shares: 120 } } }],
    });
    await Promise.all([board.close(), panel.close(), page.close()]);
  });

  it('a flag on the page: "Mark as counter-narrative target" lands on the board', async () => {
    const { page, panel } = await openWithPanel('/feed.html');
    await page.waitForFunction(
      () => document.querySelectorAll('#violating [data-counterweight]').length >= 3,
      null,
      {
        timeout: 30_000,
      },
    );
    await panel.getByRole('heading', { name: /Flags on this page \([1-9]/ }).waitFor();
    await flagCard(panel, FLAGGED)
      .getByRole('button', { name: 'Mark as counter-narrative target' })
      .click();
    const preview = await markTarget(panel, /^Conspiracy theory targeting a group/, 'muslims', '');
    expect(preview).toMatchObject({
      excerpt: FLAGGED,
      source: 'flag',
      group: 'muslims',
      reach: {},
    });
    await outboxCard(panel, `Target: ${FLAGGED.slice(0, 40)}`)
      .getByText(/^Target T-\d+$/)
      .waitFor({ timeout: 30_000 });

    const board = await csoBoard();
    await board.selectOption('#filters select[name=group]', 'muslims');
    await board.click('#filters button[type=submit]');
    await expect
      .poll(() => board.locator('#board li.target .excerpt').allTextContents())
      .toEqual([FLAGGED]);
    await Promise.all([board.close(), panel.close(), page.close()]);
  });
});
