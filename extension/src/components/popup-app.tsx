import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SENSITIVITY_SHIFT, type Sensitivity } from '@/utils/classifier/decide';
import { activeOn } from '@/utils/page/scanned-page';
import { settingsItem, type Settings } from '@/utils/storage/items';
import { sendMessage } from '@/utils/messaging/messenger';
import type { PageLanguages } from '@/utils/page/language-shares';
import { useStorageItem } from './hooks/use-storage-item';
import { LanguageNotice } from './language-notice';
import { useTargetTab } from './hooks/use-target-tab';

const SENSITIVITY_TEXT: Record<Sensitivity, string> = {
  low: 'Low: fewer flags, only the clearest',
  standard: "Standard: the model's own cut-offs",
  high: 'High: more flags, more to review',
};
const LABEL_TEXT = { hate: 'Hate speech', extremist: 'Violent extremism and terrorism' } as const;

function hostOf(url: string | undefined): string | null {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}

/** The toolbar popup: per-site on/off, pause everywhere, and the sensitivity per label. */
export function PopupApp() {
  const stored = useStorageItem(settingsItem);
  // Shown at once; storage (and every content script watching it) follows.
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => setSettings(stored), [stored]);
  const tab = useTargetTab();
  const site = hostOf(tab?.url);
  const [languages, setLanguages] = useState<PageLanguages>();
  const [ownApi, setOwnApi] = useState(false);
  useEffect(() => {
    if (tab?.id === undefined) return;
    sendMessage('getPageFlags', {}, tab.id).then(
      (page) => {
        setLanguages(page.active ? page.languages : undefined);
        setOwnApi(page.ownApi);
      },
      () => setLanguages(undefined), // no content script on this page
    );
  }, [tab?.id]);
  if (!settings) return null;
  const update = (fn: (s: Settings) => Settings) => {
    setSettings(fn(settings));
    void settingsItem.update(fn);
  };
  const siteOn = site !== null && !settings.disabledSites.includes(site);

  const openPanel = async () => {
    const chromeSidePanel = (
      globalThis as { chrome?: { sidePanel?: { open(o: { windowId: number }): Promise<void> } } }
    ).chrome?.sidePanel;
    const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } })
      .sidebarAction;
    if (chromeSidePanel && tab?.windowId !== undefined)
      await chromeSidePanel.open({ windowId: tab.windowId });
    else await sidebar?.open();
    window.close();
  };

  return (
    <main style={{ minWidth: 300 }}>
      <h1>Counterweight</h1>
      <p role="status">
        {site === null
          ? 'This page is out of reach for the extension.'
          : ownApi
            ? 'A page of the Counterweight API this browser reports to: not scanned.'
            : activeOn(site, settings)
              ? `Flagging on ${site}.`
              : settings.paused
                ? 'Paused everywhere.'
                : `Off on ${site}.`}
      </p>
      <LanguageNotice languages={languages} />
      {site !== null && (
        <label className="option">
          <input
            type="checkbox"
            checked={siteOn}
            onChange={(e) => {
              const on = e.target.checked;
              update((s) => ({
                ...s,
                disabledSites: on
                  ? s.disabledSites.filter((x) => x !== site)
                  : [...new Set([...s.disabledSites, site])],
              }));
            }}
          />{' '}
          Flag content on {site}
        </label>
      )}
      <label className="option">
        <input
          type="checkbox"
          checked={settings.paused}
          onChange={(e) => {
            const paused = e.target.checked;
            update((s) => ({ ...s, paused }));
          }}
        />{' '}
        Pause on all sites
      </label>
      {(['hate', 'extremist'] as const).map((label) => (
        <fieldset key={label}>
          <legend>Sensitivity: {LABEL_TEXT[label]}</legend>
          {(Object.keys(SENSITIVITY_SHIFT) as Sensitivity[]).map((level) => (
            <label key={level} className="option">
              <input
                type="radio"
                name={`sensitivity-${label}`}
                value={level}
                checked={settings.sensitivity[label] === level}
                onChange={() =>
                  update((s) => ({ ...s, sensitivity: { ...s.sensitivity, [label]: level } }))
                }
              />{' '}
              {SENSITIVITY_TEXT[level]}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="row">
        <button type="button" className="primary" onClick={() => void openPanel()}>
          Open review panel
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </div>
    </main>
  );
}
