import { describe, expect, it } from 'vitest';
import { identityOnlyShare, isIdentityPhrase } from './identity-evidence';

describe('isIdentityPhrase', () => {
  it('recognises phrases that only name a group', () => {
    expect(isIdentityPhrase('Jews')).toBe(true);
    expect(isIdentityPhrase('muslims')).toBe(true);
    expect(isIdentityPhrase('black people')).toBe(true);
  });
  it('does not count a phrase that says something about the group', () => {
    expect(isIdentityPhrase('vermin')).toBe(false);
    expect(isIdentityPhrase('kill all')).toBe(false);
    expect(isIdentityPhrase('jews are vermin')).toBe(false);
    expect(isIdentityPhrase('')).toBe(false);
  });
});

describe('identityOnlyShare', () => {
  it('counts results whose every evidence phrase is an identity term', () => {
    expect(identityOnlyShare([['jews'], ['muslims', 'vermin'], [], ['gay']])).toEqual({
      n: 3,
      identityOnly: 2,
    });
  });
});
