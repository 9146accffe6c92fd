import { describe, expect, it } from 'vitest';
import { normaliseText } from '@counterweight/shared/text';
import { buildFunctionalSuite } from '../functional/functional-suite';
import { buildExtremistPairs, EXTREMIST_PAIR_TEMPLATES } from './extremist-pairs';

describe('terrorist-content pairs', () => {
  const pairs = buildExtremistPairs();

  it('is deterministic and covers every template', () => {
    expect(buildExtremistPairs().slice(0, 40)).toEqual(pairs.slice(0, 40));
    expect(buildExtremistPairs(7)).not.toEqual(pairs);
    expect(pairs.length).toBeGreaterThan(800);
    const templates = new Set(pairs.map((p) => p.violating.id.split('-')[1]));
    expect(templates.size).toBe(EXTREMIST_PAIR_TEMPLATES.length);
  });

  it('labels the violating twin terrorist content and the lawful one neither label', () => {
    expect(pairs.every((p) => p.violating.extremist === 1 && p.violating.hate === 0)).toBe(true);
    expect(pairs.every((p) => p.lawful.extremist === 0 && p.lawful.hate === 0)).toBe(true);
    expect(new Set(pairs.map((p) => p.lawful.functionality))).toEqual(
      new Set([
        'xpair-reported',
        'xpair-condemned',
        'xpair-refused',
        'xpair-studied',
        'xpair-fiction',
      ]),
    );
  });

  it('names the same group, place and weapon in both twins, so only the framing differs', () => {
    const words = (t: string) =>
      t
        .toLowerCase()
        .replace(/[".,;:?]/g, '')
        .split(' ');
    const framing = new Set(
      EXTREMIST_PAIR_TEMPLATES.flatMap((t) => words(t.violating.replace(/\{\w+\}/g, ''))),
    );
    for (const { violating, lawful } of pairs) {
      const inLawful = new Set(words(lawful.text));
      const missing = words(violating.text).filter((w) => w && !inLawful.has(w) && !framing.has(w));
      expect(missing, `${violating.text} / ${lawful.text}`).toEqual([]);
    }
  });

  it('shares no sentence with the functional suite', () => {
    const suite = new Set(buildFunctionalSuite().map((e) => normaliseText(e.text)));
    const texts = pairs.flatMap((p) => [p.violating.text, p.lawful.text]);
    expect(texts.filter((t) => suite.has(normaliseText(t)))).toEqual([]);
  });
});
