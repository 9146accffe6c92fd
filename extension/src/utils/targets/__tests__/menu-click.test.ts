import { describe, expect, it } from 'vitest';
import { PendingTarget } from '../pending-target';
import { pendingFromMenuClick } from '../menu-click';

describe('context menu: mark selected text as a target', () => {
  const now = new Date('2026-11-22T15:00:00.000Z');

  it('keeps the selection, the page and the tab for the side panel', () => {
    const pending = pendingFromMenuClick(
      { selectionText: '  They are a plague.  ', pageUrl: 'https://forum.example/t/9' },
      { id: 7, url: 'https://forum.example/t/9' },
      now,
    );
    expect(PendingTarget.parse(pending)).toEqual({
      text: 'They are a plague.',
      url: 'https://forum.example/t/9',
      capturedAt: '2026-11-22T15:00:00.000Z',
      source: 'selection',
      language: null,
      tabId: 7,
    });
  });

  it('prefers the frame the text was selected in, and ignores empty selections', () => {
    expect(
      pendingFromMenuClick(
        { selectionText: 'x', pageUrl: 'https://a.example/', frameUrl: 'https://b.example/embed' },
        undefined,
        now,
      )?.url,
    ).toBe('https://b.example/embed');
    expect(
      pendingFromMenuClick({ selectionText: '   ', pageUrl: 'https://a.example/' }, { id: 1 }, now),
    ).toBeNull();
    expect(pendingFromMenuClick({ selectionText: 'text' }, undefined, now)).toBeNull();
  });
});
