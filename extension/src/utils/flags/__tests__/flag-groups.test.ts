import { describe, expect, it } from 'vitest';
import type { PageFlag } from '../../page/page-flag';
import { arrangeGroups, groupFlags, groupKey, NO_FILTER } from '../flag-groups';

let next = 1;
function flag(text: string, over: Partial<PageFlag> = {}): PageFlag {
  const label = over.label ?? 'hate';
  const score = (over.scores ?? { hate: 0.7, extremist: 0.1 })[label];
  return {
    flagId: `f${next++}`,
    text,
    decision: 'flag',
    label,
    scores: label === 'hate' ? { hate: score, extremist: 0.1 } : { hate: 0.1, extremist: score },
    evidence: [],
    modelVersion: 'm1',
    language: 'en',
    url: 'https://forum.example/t/1',
    capturedAt: '2026-12-07T01:00:00.000Z',
    occurrences: 1,
    reported: false,
    ...over,
  };
}

describe('groupKey', () => {
  it('is the same for texts that differ only in numbers, case, spacing and leetspeak', () => {
    expect(groupKey('Post 12: They are VERMIN.')).toBe(groupKey('post 97 —  they are v3rmin'));
  });
  it('differs when a word differs', () => {
    expect(groupKey('They are vermin')).not.toBe(groupKey('They are not vermin'));
  });
});

describe('groupFlags and arrangeGroups', () => {
  const same = Array.from({ length: 205 }, (_, i) =>
    flag(`Post ${i}: the bake sale raised money for the shelter`, {
      decision: 'uncertain',
      scores: { hate: 0.5 + (i === 7 ? 0.1 : 0), extremist: 0.1 },
    }),
  );
  const hit = flag('Join the fighters and slaughter them', {
    label: 'extremist',
    scores: { hate: 0.1, extremist: 0.95 },
  });
  const other = flag('They are vermin', { scores: { hate: 0.8, extremist: 0.1 } });
  const groups = groupFlags([same[0]!, hit, ...same.slice(1), other]);

  it('collapses the 205 near-duplicates into one group with its count and its best member', () => {
    expect(groups).toHaveLength(3);
    const big = groups.find((g) => g.members.length > 1)!;
    expect(big.members).toHaveLength(205);
    expect(big.occurrences).toBe(205);
    expect(big.lead).toBe(same[7]);
    expect(big.score).toBeCloseTo(0.6);
    expect(big.decision).toBe('uncertain');
  });

  it('sorts by score or by page order', () => {
    expect(arrangeGroups(groups, 'score', NO_FILTER).map((g) => g.lead)).toEqual([
      hit,
      other,
      same[7],
    ]);
    expect(arrangeGroups(groups, 'page', NO_FILTER).map((g) => g.lead)).toEqual([
      same[7],
      hit,
      other,
    ]);
  });

  it('filters by decision and by label', () => {
    expect(
      arrangeGroups(groups, 'page', { decision: 'uncertain', label: 'any' }).map((g) => g.lead),
    ).toEqual([same[7]]);
    expect(
      arrangeGroups(groups, 'score', { decision: 'any', label: 'extremist' }).map((g) => g.lead),
    ).toEqual([hit]);
    expect(arrangeGroups(groups, 'score', { decision: 'flag', label: 'hate' })).toHaveLength(1);
  });

  it('a group with one flagged member counts as flagged', () => {
    const g = groupFlags([
      flag('a b c', { decision: 'uncertain' }),
      flag('A  b c', { decision: 'flag' }),
    ]);
    expect(g).toHaveLength(1);
    expect(g[0]!.decision).toBe('flag');
  });
});
