import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_BANK_COPY, type BankCopy } from '../bank-copy';
import { matchImages } from '../match-images';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const NEAR = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2d'; // 4 bits away
const FAR = '27070f311f0b57b0f9c8fdd5f870980f4c91d12a699de1e2cc19cc63b16364dd';
const label = { category: 'terrorist_content', source: 'TCAP' };
const copy: BankCopy = {
  ...EMPTY_BANK_COPY,
  signals: [{ bank: 'tcap', negative: false, type: 'pdq', value: PDQ, label }],
};
const bytes = { matched: 'the matched image bytes', other: 'some other image bytes' };
const hash = async (src: string) =>
  src.endsWith('/none.png')
    ? null
    : {
        pdq: { hash: src.endsWith('/matched.png') ? NEAR : FAR, quality: 88 },
        blob: new Blob([src.endsWith('/matched.png') ? bytes.matched : bytes.other]),
      };

describe('matchImages', () => {
  it('matches each image’s PDQ and gives a matched image the MD5 and SHA-256 of its bytes', async () => {
    const results = await matchImages(
      ['https://x.test/matched.png', 'https://x.test/other.png', 'https://x.test/none.png'],
      copy,
      hash,
    );
    expect(results[0]).toEqual({
      src: 'https://x.test/matched.png',
      pdq: NEAR,
      quality: 88,
      matches: [{ bank: 'tcap', distance: 4, label }],
      md5: createHash('md5').update(bytes.matched).digest('hex'),
      sha256: createHash('sha256').update(bytes.matched).digest('hex'),
    });
    // No exact hashes are computed for an image nothing matched.
    expect(results[1]).toMatchObject({ pdq: FAR, matches: [], md5: null, sha256: null });
    expect(results[2]).toEqual({
      src: 'https://x.test/none.png',
      pdq: null,
      quality: 0,
      matches: [],
      md5: null,
      sha256: null,
    });
  });
});
