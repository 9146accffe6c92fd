// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SelectedText } from '@/utils/review/selected-text';
import { ReviewPanel } from '../review-panel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let root: Root;
let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const selection: SelectedText = {
  kind: 'selection',
  text: 'Все мигранты паразиты, их надо выгнать из страны навсегда.',
  url: 'https://forum.example/t/1',
  capturedAt: '2026-11-22T14:00:00.000Z',
  language: 'ru',
};
const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));

describe('the review panel on a selection', () => {
  it('opens the same review form for the selected text, in its language', async () => {
    act(() =>
      root.render(
        <ReviewPanel
          subjects={[selection]}
          site="forum.example"
          language={selection.language}
          tabId={1}
          windowId={null}
          onClose={() => {}}
        />,
      ),
    );
    await settle();
    expect(host.querySelector('h2')?.textContent).toBe('Review the selected text');
    expect(host.querySelector('[data-testid=excerpt]')?.textContent).toBe(selection.text);
    const language = [...host.querySelectorAll('label')]
      .find((l) => l.textContent?.startsWith('Language of the content'))
      ?.querySelector('input');
    expect(language?.value).toBe('ru');
    // The hash comes from Web Crypto, answered from Node's thread pool: on a loaded machine it can
    // take longer than a fixed pause, so the test waits for it rather than for a set time.
    await vi.waitFor(() =>
      expect(host.querySelector('[data-testid=excerpt-sha256]')?.textContent).toMatch(
        /^[0-9a-f]{64}$/,
      ),
    );
  });
});
