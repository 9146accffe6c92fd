import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildTargetSubmission,
  emptyTargetDraft,
  platformOf,
  targetExcerpt,
  type TargetCandidate,
} from '../target-draft';
import { findVisibleReach, parseCount } from '../visible-reach';

const candidate: TargetCandidate = {
  text: '  They are invaders, all of them.  ',
  url: 'https://www.Social.example/p/1',
  capturedAt: '2026-11-22T10:00:00.000Z',
  source: 'flag',
  language: 'en-GB',
};
const hash = createHash('sha256').update(targetExcerpt(candidate.text), 'utf8').digest('hex');

describe('target draft', () => {
  it('prefills language, platform and visible reach from the page', () => {
    expect(emptyTargetDraft(candidate, { views: 1200 })).toEqual({
      theme: '',
      group: '',
      language: 'en',
      platform: 'social.example',
      views: '1200',
      shares: '',
    });
    expect(platformOf('not a url')).toBe('');
  });

  it('builds exactly the submission the API takes', () => {
    const draft = {
      ...emptyTargetDraft(candidate),
      theme: 'dehumanisation_us_vs_them' as const,
      group: 'migrants' as const,
      views: '12 400',
      shares: '',
    };
    const built = buildTargetSubmission(candidate, draft, hash);
    expect(built).toEqual({
      ok: true,
      submission: {
        url: candidate.url,
        excerpt: 'They are invaders, all of them.',
        excerptSha256: hash,
        theme: 'dehumanisation_us_vs_them',
        group: 'migrants',
        language: 'en',
        platform: 'social.example',
        reach: { views: 12400 },
        source: 'flag',
        capturedAt: candidate.capturedAt,
      },
    });
  });

  it('names every missing or wrong field', () => {
    const built = buildTargetSubmission(
      { ...candidate, language: null },
      { ...emptyTargetDraft({ ...candidate, language: null }), views: 'lots' },
      hash,
    );
    expect(built.ok).toBe(false);
    if (!built.ok)
      expect(built.issues.map((i) => i.path).sort()).toEqual([
        'group',
        'language',
        'reach.views',
        'theme',
      ]);
  });
});

describe('visible reach', () => {
  it.each([
    ['12.4K views · 310 shares', { views: 12_400, shares: 310 }],
    ['1,204,000 views', { views: 1_204_000 }],
    ['3 Mio. Aufrufe, 2.1K geteilt', { views: 3_000_000, shares: 2_100 }],
    ['Liked by 40 people', {}],
    ['98 Reposts and 1.2M views', { views: 1_200_000, shares: 98 }],
  ])('reads %j', (text, reach) => {
    expect(findVisibleReach(text)).toEqual(reach);
  });

  it('parses counts with separators and suffixes', () => {
    expect(parseCount('1.204', '')).toBe(1204);
    expect(parseCount('1,5', 'K')).toBe(1500);
    expect(parseCount('7', 'million')).toBe(7_000_000);
  });
});
