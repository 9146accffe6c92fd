// @vitest-environment happy-dom
import { createHash } from 'node:crypto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NARRATIVE_THEMES, TargetSubmission } from '@counterweight/shared/target';
import { TargetPanel } from '../target-panel';

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

const XSS = '<img src=x onerror="window.__pwned=1"> they are vermin';
const candidate = {
  text: XSS,
  url: 'https://forum.example/t/1',
  capturedAt: '2026-11-22T14:00:00.000Z',
  source: 'selection' as const,
  language: 'de',
  reach: { views: 900 },
};
const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));
const button = (name: string) =>
  [...host.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

describe('the target panel', () => {
  it('offers every theme and group, shows the text as text, and previews exactly the body the API takes', async () => {
    act(() => root.render(<TargetPanel candidate={candidate} onClose={() => {}} />));
    await settle();
    expect(host.querySelectorAll('input[name=theme]')).toHaveLength(NARRATIVE_THEMES.length);
    expect(host.querySelectorAll('select[name=group] option')).toHaveLength(9);
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('[data-testid=target-excerpt]')?.textContent).toBe(XSS.trim());
    expect((host.querySelector('input[name=views]') as HTMLInputElement).value).toBe('900');
    expect((host.querySelector('input[name=language]') as HTMLInputElement).value).toBe('de');

    act(() => button('Preview target').click());
    expect([...host.querySelectorAll('.issues')].map((p) => p.textContent).length).toBe(2);
    expect(host.querySelector('[data-testid=target-preview-json]')).toBeNull();

    act(() =>
      (host.querySelector('input[value=recruitment_belonging]') as HTMLInputElement).click(),
    );
    const group = host.querySelector('select[name=group]') as HTMLSelectElement;
    act(() => {
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      set.call(group, 'people_of_colour');
      group.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => button('Preview target').click());
    const body = TargetSubmission.parse(
      JSON.parse(host.querySelector('[data-testid=target-preview-json]')!.textContent!),
    );
    expect(body).toEqual({
      url: candidate.url,
      excerpt: XSS,
      excerptSha256: createHash('sha256').update(XSS, 'utf8').digest('hex'),
      theme: 'recruitment_belonging',
      group: 'people_of_colour',
      language: 'de',
      platform: 'forum.example',
      reach: { views: 900 },
      source: 'selection',
      capturedAt: candidate.capturedAt,
    });
    expect(button('Send target')).toBeDefined();
  });
});
