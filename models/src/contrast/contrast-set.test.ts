import { describe, expect, it } from 'vitest';
import { normaliseText } from '@counterweight/shared/text';
import { buildFunctionalSuite } from '../functional/functional-suite';
import { buildContrastSet } from './contrast-set';

describe('contrast set and functional suite', () => {
  it('is deterministic', () => {
    expect(buildContrastSet().slice(0, 50)).toEqual(buildContrastSet().slice(0, 50));
    expect(buildFunctionalSuite()).toEqual(buildFunctionalSuite());
  });
  it('has thousands of examples with both labels and harmless contrasts', () => {
    const set = buildContrastSet();
    expect(set.length).toBeGreaterThan(3000);
    expect(set.filter((e) => e.hate === 1).length).toBeGreaterThan(500);
    expect(set.filter((e) => e.extremist === 1).length).toBeGreaterThan(500);
    expect(set.filter((e) => e.hate === 0 && e.extremist === 0).length).toBeGreaterThan(1500);
  });
  it('shares no sentence with the functional suite', () => {
    const training = new Set(buildContrastSet().map((e) => normaliseText(e.text)));
    const overlap = buildFunctionalSuite().filter((e) => training.has(normaliseText(e.text)));
    expect(overlap).toEqual([]);
  });
  it('covers every functionality the issue names', () => {
    const names = new Set(buildFunctionalSuite().map((e) => e.functionality));
    for (const f of [
      'negated hate',
      'counter-speech quoting hate',
      'news about attacks',
      'research',
      'history',
      'fiction',
      'neutral identity mention',
      'neutral religious terms',
      'idioms with violent words',
      'hate: spelling evasion',
      'tco: spelling evasion',
      'tco: incitement and glorification',
      'tco: solicitation',
      'tco: recruitment',
      'tco: instruction',
      'tco: threat',
    ]) {
      expect(names).toContain(f);
    }
  });
});
