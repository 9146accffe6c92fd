import { describe, expect, it } from 'vitest';
import { languageName, languageNotice, languageShares } from '../language-shares';

describe('languageShares', () => {
  it('counts every occurrence and measures the share by characters of the whole page', () => {
    expect(
      languageShares([
        { language: 'ru', abstained: true, chars: 100, occurrences: 3 },
        { language: 'de', abstained: true, chars: 50, occurrences: 1 },
        { language: 'en', abstained: false, chars: 150, occurrences: 1 },
        { language: 'und', abstained: false, chars: 10, occurrences: 5 },
        { language: 'fr', abstained: true, chars: 80, occurrences: 0 },
      ]),
    ).toEqual([
      { language: 'ru', blocks: 3, share: 300 / 550 },
      { language: 'de', blocks: 1, share: 50 / 550 },
    ]);
  });
});

describe('languageNotice', () => {
  it('says in plain words which languages were not checked and what the model covers', () => {
    expect(
      languageNotice({
        covered: ['en'],
        notRead: [
          { language: 'ru', blocks: 12, share: 0.4 },
          { language: 'de', blocks: 1, share: 0.021 },
          { language: 'ar', blocks: 2, share: 0.004 },
        ],
      }),
    ).toBe(
      '12 blocks in Russian (40 % of the page), 1 block in German (2 %) and 2 blocks in Arabic (under 1 %) were not checked: the model covers English.',
    );
    expect(
      languageNotice({ covered: ['en', 'fr'], notRead: [{ language: 'de', blocks: 1, share: 1 }] }),
    ).toBe(
      '1 block in German (100 % of the page) was not checked: the model covers English and French.',
    );
  });

  it('says nothing when every block was read', () => {
    expect(languageNotice({ covered: ['en'], notRead: [] })).toBeNull();
  });

  it('names 639-3 languages too, and falls back to the code', () => {
    expect(languageName('arz')).toBe('Egyptian Arabic');
    expect(languageName('qqq')).toBe('qqq');
  });
});
