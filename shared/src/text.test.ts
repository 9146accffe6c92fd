import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseText, tokenize, URL_TOKEN, USER_TOKEN } from './text';

const norms = (s: string) => tokenize(s).map((t) => t.norm);

describe('normaliseText', () => {
  it('folds case, width, diacritics and look-alike letters', () => {
    expect(normaliseText('ＭＵＳＬＩＭＳ Café')).toBe('muslims cafe');
    expect(normaliseText('\u0441\u0430t')).toBe('cat'); // Cyrillic с and а
  });
  it('replaces URLs and mentions and drops the retweet marker', () => {
    expect(normaliseText('RT @bob: see https://t.co/x?y=1 now')).toBe(
      `${USER_TOKEN} : see ${URL_TOKEN} now`,
    );
  });
  it('decodes HTML entities and removes invisible characters', () => {
    expect(normaliseText('a &amp; b &#39;c&#39; k\u200bill')).toBe("a & b 'c' kill");
  });
  it('shortens letter runs to two', () => {
    expect(normaliseText('soooo baaad')).toBe('soo baad');
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        (s) => normaliseText(normaliseText(s)) === normaliseText(s),
      ),
    );
  });
});

describe('tokenize', () => {
  it('undoes leetspeak inside words but keeps numbers', () => {
    expect(norms('k1ll the j3ws in 2015, $hoot')).toEqual([
      'kill',
      'the',
      'jews',
      'in',
      '2015',
      'shoot',
    ]);
    expect(norms('i h8 them')).toEqual(['i', 'hate', 'them']);
  });
  it('joins letters split by spaces, dots or stars', () => {
    expect(norms('k i l l them')).toEqual(['kill', 'them']);
    expect(norms('the k.u.f.f.a.r')).toEqual(['the', 'kuffar']);
  });
  it('keeps quotation marks and question marks as tokens', () => {
    expect(norms('"they are vermin" is vile?')).toEqual([
      '"',
      'they',
      'are',
      'vermin',
      '"',
      'is',
      'vile',
      '?',
    ]);
  });
  it('drops apostrophes inside words', () => {
    expect(norms("don't")).toEqual(['dont']);
  });
  it('keeps the surface form for evidence', () => {
    expect(tokenize('K1LL them')[0]).toEqual({ norm: 'kill', surface: 'k1ll' });
  });
  it('treats prototype names as ordinary words', () => {
    expect(norms('constructor toString &constructor;')).toEqual([
      'constructor',
      'tostring',
      'constructor',
    ]);
  });
  it('never returns empty tokens', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => tokenize(s).every((t) => t.norm.length > 0)),
    );
  });
});

describe('the ASCII fast path', () => {
  // A text with one non-Latin word takes the general Unicode path; its tokens must be the
  // ASCII path's tokens plus that word.
  const pieces = [
    ...'abcklmstxyzAKZ0134578@$*|!.-_ \'"?&;#:/`\t\n€'.split(''),
    'rt ',
    'www.',
    'http://',
    'xxuser',
    'k.i.l.l',
    'k i l l',
    'sooo',
    'AAA',
    '&amp;',
    '&#39;',
    'h8',
    "don't",
  ];
  it('gives the same tokens as the general Unicode path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')),
        (s) => {
          if (!/^[\x00-\x7f]*$/.test(s)) return true;
          const general = tokenize(`${s} 中文`);
          expect(general.pop()).toEqual({ norm: '中文', surface: '中文' });
          expect(tokenize(s)).toEqual(general);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
