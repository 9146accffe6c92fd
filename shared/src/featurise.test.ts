import { describe, expect, it } from 'vitest';
import { Featuriser, PAD_ID, PAD_MARGIN, UNKNOWN_ID } from './featurise';

const vocabulary = ['i', 'hate', 'the', 'muslims', 'are', 'kind', 'people', 'a'];
const featuriser = new Featuriser({ sequenceLength: 12, vocabulary });
const id = (w: string) => vocabulary.indexOf(w) + 2;

describe('Featuriser', () => {
  it('maps known words to their ids and pads the rest', () => {
    const [w] = featuriser.featurise('Muslims are kind');
    expect([...w!.ids]).toEqual([
      id('muslims'),
      id('are'),
      id('kind'),
      ...new Array(9).fill(PAD_ID),
    ]);
  });
  it('maps unknown words to UNKNOWN_ID', () => {
    expect(featuriser.idsOf('zzzz')).toEqual([UNKNOWN_ID]);
  });
  it('repairs swapped, missing and doubled letters', () => {
    expect(featuriser.idsOf('muslmis')).toEqual([id('muslims')]);
    expect(featuriser.idsOf('musims')).toEqual([id('muslims')]);
    expect(featuriser.idsOf('musslims')).toEqual([id('muslims')]);
  });
  it('prefers the known word with the one letter a masking star removed', () => {
    // The tokeniser drops the star (p*kistanis -> pkistanis); "pakistani" is one replacement
    // away and more frequent, but "pakistanis" is the word that was written.
    const masked = new Featuriser({ sequenceLength: 12, vocabulary: ['pakistani', 'pakistanis'] });
    expect(masked.idsOf('pkistanis')).toEqual([3]);
    expect(masked.idsOf('pkistani')).toEqual([2]);
  });
  it('splits run-together words into known words', () => {
    expect(featuriser.idsOf('ihatethemuslims')).toEqual([
      id('i'),
      id('hate'),
      id('the'),
      id('muslims'),
    ]);
  });
  it('cuts long texts into overlapping windows that always end in padding', () => {
    const text = Array.from({ length: 20 }, () => 'people').join(' ');
    const windows = featuriser.featurise(text);
    expect(windows.length).toBeGreaterThan(1);
    for (const w of windows) {
      expect(w.ids.length).toBe(12);
      expect([...w.ids.slice(12 - PAD_MARGIN)]).toEqual(new Array(PAD_MARGIN).fill(PAD_ID));
    }
    const covered = windows.reduce((n, w) => n + w.tokens.length, 0);
    expect(covered).toBeGreaterThanOrEqual(20);
  });
  it('gives one window for an empty text', () => {
    expect(featuriser.featurise('')).toHaveLength(1);
  });
});
