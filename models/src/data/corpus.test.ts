import { describe, expect, it } from 'vitest';
import { hostileLabel } from './corpus';

describe('hostileLabel (the auxiliary head’s hostile-language label)', () => {
  it('marks every hateful row hostile, whatever the dataset', () => {
    expect(hostileLabel('stormfront-hate', { harm: 'hate' }, 1)).toBe(1);
    expect(hostileLabel('implicit-hate', { harm: 'hate' }, 1)).toBe(1);
  });

  it('takes Davidson’s offensive class and the Gab Hate Corpus’s codes for the rest', () => {
    expect(hostileLabel('davidson-hate-offensive', { harm: 'offensive' }, 0)).toBe(1);
    expect(hostileLabel('davidson-hate-offensive', { harm: 'none' }, 0)).toBe(0);
    expect(hostileLabel('gab-hate-corpus', { harm: 'none', vo: 1, hd: 0, cv: 0 }, 0)).toBe(1);
    expect(hostileLabel('gab-hate-corpus', { harm: 'none', vo: 0, hd: 0, cv: 0 }, 0)).toBe(0);
  });

  it('says nothing where the source does not annotate hostility', () => {
    expect(hostileLabel('stormfront-hate', { harm: 'none' }, 0)).toBeNull();
    expect(hostileLabel('toxigen-curated', { harm: 'none' }, 0)).toBeNull();
  });
});
