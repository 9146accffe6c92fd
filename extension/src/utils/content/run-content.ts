import { startImageMatching, type ImageOnPage } from '../banks/image-scanner';
import { onMessage, sendMessage } from '../messaging/page-messenger';
import { PageScanner } from '../page/page-scanner';
import { pageLanguage } from '../review/page-language';
import { apiOriginItem } from '../storage/api-origin-item';
import { pageSettingsItem } from '../storage/page-settings-item';
import type { Settings } from '../storage/settings-item';
import { scannedPage } from '../page/scanned-page';

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
  let [settings, apiOrigin] = await Promise.all([pageSettingsItem.get(), apiOriginItem.get()]);
  // The pages of the API the extension reports to (its board, its transparency log) are never
  // scanned: they quote the very texts under review.
  const ownApi = () => doc.location.origin === apiOrigin;
  const scans = () => scannedPage(doc.location.href, settings, apiOrigin);
  // The toolbar badge counts text flags and matched images together.
  let textFlags = 0;
  let imageMatches: ImageOnPage[] = [];
  const notifyFlags = (count: number) => {
    textFlags = count;
    void sendMessage('pageFlagsChanged', {
      count: textFlags + imageMatches.length,
      progress: scanner.progress(),
    }).catch(() => undefined);
  };
  const scanner = new PageScanner(
    {
      doc,
      classify: (texts, evidence) => sendMessage('classify', { site, texts, evidence }),
      onFlagsChanged: (count) => notifyFlags(count),
    },
    settings.sensitivity,
  );
  const style = doc.createElement('style');
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).append(style);

  const apply = async (next: Settings) => {
    const previous = settings;
    settings = next;
    if (scans() && !scanner.active) await scanner.start();
    else if (!scans() && scanner.active) await scanner.stop();
    else if (
      scanner.active &&
      JSON.stringify(previous.sensitivity) !== JSON.stringify(next.sensitivity)
    )
      await scanner.setSensitivity(next.sensitivity);
  };
  const unwatchSettings = pageSettingsItem.watch((next) => void apply(next));
  const unwatchOrigin = apiOriginItem.watch((next) => {
    apiOrigin = next;
    void apply(settings);
  });

  const ok = { ok: true } as const;
  const removers = [
    onMessage('getPageFlags', () => ({
      url: doc.location.href,
      site,
      language: pageLanguage(doc.documentElement.lang),
      active: scanner.active,
      ownApi: ownApi(),
      flags: scanner.flags(),
      languages: scanner.languages(),
      progress: scanner.progress(),
      dismissed: scanner.dismissed(),
    })),
    onMessage('dismissFlags', ({ flagIds }) => (scanner.setDismissed(flagIds, true), ok)),
    onMessage('restoreFlags', ({ flagIds }) => (scanner.setDismissed(flagIds, false), ok)),
    onMessage('markReported', ({ flagId }) => (scanner.markReported(flagId), ok)),
    onMessage('revealFlag', ({ flagId }) => (scanner.reveal(flagId), ok)),
    onMessage('getTextMatches', () => ({ texts: scanner.textMatches() })),
  ];

  if (scans()) await scanner.start();
  const stopImages = scans()
    ? startImageMatching(
        doc,
        (images) => sendMessage('matchImages', { images }),
        (found) => {
          imageMatches = found;
          notifyFlags(textFlags);
        },
      )
    : () => undefined;
  removers.push(onMessage('getImageMatches', () => ({ images: imageMatches })));
  return () => {
    stopImages();
    unwatchSettings();
    unwatchOrigin();
    removers.forEach((remove) => remove());
    void scanner.stop();
    style.remove();
  };
}
