import { describe, expect, it } from 'vitest';
import { normaliseText } from '@counterweight/shared/text';
import { buildFunctionalSuite, FUNCTIONAL_FILLERS } from '../functional/functional-suite';
import { buildContrastSet, insultWords } from './contrast-set';
import { EVERYDAY_FILLERS } from './everyday';
import { SCOPE_FILLERS } from './scope-and-recall';

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
  it("keeps the functional suite's groups, slurs, harms, places and cities out of the scope part", () => {
    for (const slot of ['g', 'one', 'noun', 'adj', 'harm', 'city', 'place'] as const) {
      const functional = new Set(FUNCTIONAL_FILLERS[slot]);
      expect(
        (SCOPE_FILLERS[slot] ?? []).filter((f) => functional.has(f)),
        slot,
      ).toEqual([]);
    }
  });
  it("keeps the functional suite's cities and places out of the everyday part", () => {
    const functional = new Set([...FUNCTIONAL_FILLERS.city!, ...FUNCTIONAL_FILLERS.place!]);
    const everyday = [...EVERYDAY_FILLERS.town!, ...EVERYDAY_FILLERS.venue!];
    expect(everyday.filter((f) => functional.has(f))).toEqual([]);
  });
  it('lists the single insult words that leave a dictionary example without a hate label', () => {
    const words = insultWords();
    for (const w of ['vermin', 'parasites', 'disgusting', 'savages']) expect(words).toContain(w);
    for (const w of ['a', 'the', 'than', 'are']) expect(words).not.toContain(w);
  });
  it('teaches that charity, prayer and violent idioms alone are not terrorist content', () => {
    const everyday = buildContrastSet().filter((e) => e.functionality.startsWith('everyday-'));
    expect(everyday.length).toBeGreaterThan(250);
    expect(everyday.every((e) => e.hate === 0 && e.extremist === 0)).toBe(true);
  });
  it('pairs every negated or attributed hateful sentence shape with a hateful twin', () => {
    const set = buildContrastSet();
    const twins = set.filter((e) => e.functionality.startsWith('scope-hate'));
    const scoped = set.filter((e) => /^scope-(negated|attributed)/.test(e.functionality));
    expect(twins.every((e) => e.hate === 1)).toBe(true);
    expect(scoped.every((e) => e.hate === 0 && e.extremist === 0)).toBe(true);
    expect(twins.length).toBeGreaterThan(500);
    expect(scoped.length).toBeGreaterThan(500);
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
