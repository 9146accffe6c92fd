import { describe, expect, it } from 'vitest';
import { mediaFacts } from './media-facts';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';

describe('mediaFacts', () => {
  it('lists the image, its bank match and each hash, the PDQ with its quality', () => {
    expect(
      mediaFacts({
        media: {
          url: 'https://example.org/a.png',
          pdqQuality: 87,
          match: { bank: 'tcap', distance: 6 },
        },
        signals: [
          { type: 'pdq', value: PDQ },
          { type: 'md5', value: '0cc175b9c0f1b6a831c399e269772661' },
        ],
      }),
    ).toEqual([
      { term: 'Image URL', value: 'https://example.org/a.png' },
      { term: 'Bank match', value: 'bank tcap, PDQ distance 6' },
      { term: 'PDQ', value: `${PDQ} (quality 87)` },
      { term: 'MD5', value: '0cc175b9c0f1b6a831c399e269772661' },
    ]);
  });

  it('says when the image matched no bank, and lists nothing for a text report', () => {
    expect(
      mediaFacts({ media: { url: 'https://example.org/a.png', pdqQuality: 50, match: null } })[1],
    ).toEqual({ term: 'Bank match', value: 'none (reported without a match)' });
    expect(mediaFacts({})).toEqual([]);
  });
});
