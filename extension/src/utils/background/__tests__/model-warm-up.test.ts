import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { warmModelOnPageLoad, type WarmUpSources } from '../model-warm-up';
import { DEFAULT_SETTINGS } from '../../storage/settings-check';
import type { Settings } from '../../storage/settings-item';

type Listener = (id: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) => void;

function rig(settings: Partial<Settings> = {}) {
  const listeners = new Set<Listener>();
  const sources: WarmUpSources = {
    onUpdated: {
      addListener: (l: Listener) => void listeners.add(l),
      removeListener: (l: Listener) => void listeners.delete(l),
    } as unknown as WarmUpSources['onUpdated'],
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    apiOrigin: async () => 'http://127.0.0.1:8787',
  };
  const warm = vi.fn(async () => undefined);
  const stop = warmModelOnPageLoad(warm, sources);
  const update = async (change: Browser.tabs.OnUpdatedInfo, url?: string) => {
    for (const l of listeners) l(1, change, { url } as Browser.tabs.Tab);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { warm, stop, update, listeners };
}

describe('warmModelOnPageLoad', () => {
  it('loads the model when a web page that will be scanned starts loading', async () => {
    const { warm, update } = rig();
    await update({ status: 'loading', url: 'https://news.example/article' });
    expect(warm).toHaveBeenCalledTimes(1);
  });

  it('does not on completion, on pages not scanned, on the API, or while paused', async () => {
    const { warm, update } = rig({ disabledSites: ['forum.example'] });
    await update({ status: 'complete' }, 'https://news.example/');
    await update({ status: 'loading' }, 'chrome://extensions/');
    await update({ status: 'loading' }, 'file:///tmp/page.html');
    await update({ status: 'loading' }, 'http://127.0.0.1:8787/console');
    await update({ status: 'loading' }, 'https://forum.example/thread/1');
    await update({ status: 'loading' }, undefined);
    expect(warm).not.toHaveBeenCalled();
    const paused = rig({ paused: true });
    await paused.update({ status: 'loading' }, 'https://news.example/');
    expect(paused.warm).not.toHaveBeenCalled();
  });

  it('takes the URL from the tab when the change does not carry it, and stops listening', async () => {
    const { warm, update, stop, listeners } = rig();
    await update({ status: 'loading' }, 'https://news.example/');
    expect(warm).toHaveBeenCalledTimes(1);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('swallows a failed load (the content script reports it with its own request)', async () => {
    const failing = vi.fn(async () => {
      throw new Error('no model');
    });
    const listeners = new Set<Listener>();
    warmModelOnPageLoad(failing, {
      onUpdated: {
        addListener: (l: Listener) => void listeners.add(l),
        removeListener: () => undefined,
      } as unknown as WarmUpSources['onUpdated'],
      settings: async () => DEFAULT_SETTINGS,
      apiOrigin: async () => 'http://127.0.0.1:8787',
    });
    for (const l of listeners)
      l(1, { status: 'loading' }, { url: 'https://a.example/' } as Browser.tabs.Tab);
    await new Promise((r) => setTimeout(r, 0));
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
