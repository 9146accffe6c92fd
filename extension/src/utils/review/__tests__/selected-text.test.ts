import { describe, expect, it } from 'vitest';
import { PendingSelection, selectionFromMenuClick } from '../pending-selection';
import { selectedText, selectionLanguage } from '../selected-text';

describe('context menu: report selected text for review', () => {
  const now = new Date('2026-11-22T15:00:00.000Z');

  it('keeps the selection, the page and the tab for the side panel', () => {
    const pending = selectionFromMenuClick(
      { selectionText: '  Все мигранты паразиты.  ', pageUrl: 'https://forum.example/t/9' },
      { id: 7, url: 'https://forum.example/t/9' },
      now,
    );
    expect(PendingSelection.parse(pending)).toEqual({
      text: 'Все мигранты паразиты.',
      url: 'https://forum.example/t/9',
      capturedAt: '2026-11-22T15:00:00.000Z',
      tabId: 7,
    });
    expect(selectedText(pending!, 'ru')).toEqual({
      kind: 'selection',
      text: 'Все мигранты паразиты.',
      url: 'https://forum.example/t/9',
      capturedAt: '2026-11-22T15:00:00.000Z',
      language: 'ru',
    });
  });

  it('prefers the frame the text was selected in, and ignores empty selections', () => {
    const framed = selectionFromMenuClick(
      { selectionText: 'x', pageUrl: 'https://a.example/', frameUrl: 'https://b.example/embed' },
      undefined,
      now,
    );
    expect(framed).toMatchObject({ url: 'https://b.example/embed', tabId: null });
    expect(
      selectionFromMenuClick({ selectionText: '   ', pageUrl: 'https://a/' }, undefined, now),
    ).toBeNull();
  });
});

describe('selectionLanguage', () => {
  it('takes the on-device identification, else the page lang, else leaves it to the reviewer', () => {
    expect(selectionLanguage('de', 'ru')).toBe('de');
    expect(selectionLanguage('und', 'ru-RU')).toBe('ru');
    expect(selectionLanguage('gsw', null)).toBeNull();
    expect(selectionLanguage(null, undefined)).toBeNull();
  });
});
