import { startImageMatching, type ImageOnPage } from '../banks/image-scanner';
import { onMessage, sendMessage } from '../messaging/page-messenger';
import { PageScanner } from '../page/page-scanner';
import { pageLanguage } from '../review/page-language';
import { pageSettingsItem } from '../storage/page-settings-item';
import type { Settings } from '../storage/settings-item';

/** Whether the extension flags on `site` under these settings. */
export function activeOn(site: string, settings: Settings): boolean {
  return !settings.paused && !settings.disabledSites.includes(site);
}

const HIGHLIGHT_CSS = `
[data-counterweight="flag"] { outline: 2px solid #b3261e !important; outline-offset: 2px !important; }
[data-counterweight="uncertain"] { outline: 2px dashed #8a5a00 !important; outline-offset: 2px !important; }
`;

/**
 * The content script: one scanner for the page, switched on and off by the popup's settings,
 * answering the side panel's questions about the page's flags. Returns a stop function.
 */
export async function runContentScript(doc: Document): Promise<() => void> {
  const site = doc.location.hostname;
  let settings = await pageSettingsItem.get();
  const scanner = new PageScanner(
    {
      doc,
      classify: (texts, evidence) => sendMessage('classify', { site, texts, evidence }),
      onFlagsChanged: (count) =>
        void sendMessage('pageFlagsChanged', { count }).catch(() => undefined),
    },
    settings.sensitivity,
  );
  const style = doc.createElement('style');
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).append(style);

  const apply = async (next: Settings) => {
    const previous = settings;
    settings = next;
    if (activeOn(site, next) && !scanner.active) await scanner.start();
    else if (!activeOn(site, next) && scanner.active) await scanner.stop();
    else if (
      scanner.active &&
      JSON.stringify(previous.sensitivity) !== JSON.stringify(next.sensitivity)
    )
      await scanner.setSensitivity(next.sensitivity);
  };
  const unwatch = pageSettingsItem.watch((next) => void apply(next));

  const ok = { ok: true } as const;
  const removers = [
    onMessage('getPageFlags', () => ({
      url: doc.location.href,
      site,
      language: pageLanguage(doc.documentElement.lang),
      active: scanner.active,
      flags: scanner.flags(),
      languages: scanner.languages(),
    })),
    onMessage('dismissFlag', ({ flagId }) => (scanner.dismiss(flagId), ok)),
    onMessage('markReported', ({ flagId }) => (scanner.markReported(flagId), ok)),
    onMessage('revealFlag', ({ flagId }) => (scanner.reveal(flagId), ok)),
  ];

  if (activeOn(site, settings)) await scanner.start();
  let imageMatches: ImageOnPage[] = [];
  const stopImages = activeOn(site, settings)
    ? startImageMatching(
        doc,
        (images) => sendMessage('matchImages', { images }),
        (found) => {
          imageMatches = found;
          void sendMessage('pageFlagsChanged', { count: found.length }).catch(() => undefined);
        },
      )
    : () => undefined;
  removers.push(onMessage('getImageMatches', () => ({ images: imageMatches })));
  return () => {
    stopImages();
    unwatch();
    removers.forEach((remove) => remove());
    void scanner.stop();
    style.remove();
  };
}
