import { describe, expect, it } from 'vitest';
import { activeOn, scannedPage } from '../scanned-page';
import { DEFAULT_SETTINGS } from '../../storage/settings-check';

const API = 'http://127.0.0.1:8787';

describe('scannedPage', () => {
  it('scans web pages of sites that are on', () => {
    expect(scannedPage('https://news.example/a', DEFAULT_SETTINGS, API)).toBe(true);
    expect(scannedPage('http://127.0.0.1:9000/page', DEFAULT_SETTINGS, API)).toBe(true);
  });
  it("not the API's own pages, other schemes, broken or missing URLs", () => {
    expect(scannedPage('http://127.0.0.1:8787/transparency', DEFAULT_SETTINGS, API)).toBe(false);
    expect(scannedPage('chrome-extension://abc/sidepanel.html', DEFAULT_SETTINGS, API)).toBe(false);
    expect(scannedPage('not a url', DEFAULT_SETTINGS, API)).toBe(false);
    expect(scannedPage(undefined, DEFAULT_SETTINGS, API)).toBe(false);
  });
  it('not sites switched off, nor anything while paused', () => {
    const off = { ...DEFAULT_SETTINGS, disabledSites: ['forum.example'] };
    expect(scannedPage('https://forum.example/t/1', off, API)).toBe(false);
    expect(activeOn('forum.example', off)).toBe(false);
    expect(scannedPage('https://news.example/', { ...DEFAULT_SETTINGS, paused: true }, API)).toBe(
      false,
    );
  });
});
