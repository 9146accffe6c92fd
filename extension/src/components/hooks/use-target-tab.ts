import { useEffect, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';

/**
 * The tab a panel works on: `?tabId=` when given (a panel opened as a page), else the active tab
 * of the panel's window, followed as the reviewer switches tabs or navigates.
 */
export function useTargetTab(): Browser.tabs.Tab | null {
  const [tab, setTab] = useState<Browser.tabs.Tab | null>(null);
  useEffect(() => {
    const fixed = Number(new URLSearchParams(location.search).get('tabId')) || null;
    const refresh = async () => {
      if (fixed !== null) setTab(await browser.tabs.get(fixed).catch(() => null));
      else setTab((await browser.tabs.query({ active: true, currentWindow: true }))[0] ?? null);
    };
    void refresh();
    const onActivated = () => void refresh();
    const onUpdated = (id: number, info: Browser.tabs.OnUpdatedInfo) => {
      if (info.status === 'complete' || info.url)
        if (fixed === null || id === fixed) void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);
  return tab;
}
