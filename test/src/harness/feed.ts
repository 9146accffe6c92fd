import type { Page } from 'playwright-core';
import type { E2E } from './e2e-setup';

/**
 * Opens the fixture feed in a new tab of the rig's browser, waits until the extension has flagged
 * at least three of its violating posts, and opens the side panel on that tab with its flags
 * listed.
 */
export async function openFeed(rig: E2E): Promise<{ page: Page; panel: Page }> {
  const page = await rig.browser.context.newPage();
  await page.goto(rig.fixtures.url('/feed.html'));
  await page.waitForFunction(
    () => document.querySelectorAll('#violating [data-counterweight]').length >= 3,
    null,
    { timeout: 30_000 },
  );
  const panel = await rig.browser.openSidePanel(await rig.browser.tabIdOf(page));
  await panel.getByRole('heading', { name: /Flags on this page \([1-9]/ }).waitFor();
  return { page, panel };
}
