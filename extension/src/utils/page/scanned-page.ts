import type { Settings } from '../storage/settings-item';

/** Whether the extension flags on `site` under these settings. */
export function activeOn(site: string, settings: Settings): boolean {
  return !settings.paused && !settings.disabledSites.includes(site);
}

/**
 * Whether the page at `url` will be scanned: a web page (the content script's matches), not one
 * of the API the extension reports to, on a site the reviewer has not switched off.
 */
export function scannedPage(
  url: string | undefined,
  settings: Settings,
  apiOrigin: string,
): boolean {
  if (!url) return false;
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
  return page.origin !== apiOrigin && activeOn(page.hostname, settings);
}
