import { browser } from 'wxt/browser';

/** The number of flags on a tab's page, on the toolbar icon for that tab (nothing at zero). */
export async function showFlagCount(tabId: number, count: number): Promise<void> {
  const action =
    browser.action ??
    (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  try {
    await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    if (count > 0) await action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  } catch {
    // The tab closed or navigated away meanwhile: nothing to show.
  }
}
