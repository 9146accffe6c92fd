import { browser, type Browser } from 'wxt/browser';
import { scannedPage } from '../page/scanned-page';
import { apiOriginItem } from '../storage/api-origin-item';
import { pageSettingsItem } from '../storage/page-settings-item';
import type { Settings } from '../storage/settings-item';

type TabUpdated = (
  tabId: number,
  change: Browser.tabs.OnUpdatedInfo,
  tab: Browser.tabs.Tab,
) => void;

/** What the warm-up reads: tab updates, the reviewer's settings and the API's origin. */
export interface WarmUpSources {
  onUpdated: {
    addListener(listener: TabUpdated): void;
    removeListener(listener: TabUpdated): void;
  };
  settings(): Promise<Settings>;
  apiOrigin(): Promise<string>;
}

const browserSources = (): WarmUpSources => ({
  onUpdated: browser.tabs.onUpdated,
  settings: () => pageSettingsItem.get(),
  apiOrigin: () => apiOriginItem.get(),
});

/**
 * Starts loading the model when a page that will be scanned starts loading. The content script
 * runs once the page is idle; opening Chrome's offscreen document and loading the model into it
 * take about a second on their own, which would otherwise begin only then (measured: the
 * document was ready 530 ms and the model 1,000 ms after the first request, on a page that had
 * loaded in 360 ms). Returns a function that stops listening.
 */
export function warmModelOnPageLoad(
  warm: () => Promise<unknown>,
  sources: WarmUpSources = browserSources(),
): () => void {
  const listener: TabUpdated = (_tabId, change, tab) => {
    if (change.status !== 'loading') return;
    const url = change.url ?? tab.url;
    void (async () => {
      const [settings, apiOrigin] = await Promise.all([sources.settings(), sources.apiOrigin()]);
      if (scannedPage(url, settings, apiOrigin)) await warm();
    })().catch(() => undefined); // the content script's own request reports a failed load
  };
  sources.onUpdated.addListener(listener);
  return () => sources.onUpdated.removeListener(listener);
}
