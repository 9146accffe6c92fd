import { describe, expect, it } from 'vitest';
import { normaliseText } from '@counterweight/shared/text';
import { buildFunctionalSuite, FUNCTIONAL_FILLERS } from '../functional/functional-suite';
import { buildMinimalPairs, PAIR_TEMPLATES, THREAT_PHRASES } from './minimal-pairs';
import { SCOPE_FILLERS } from './scope-and-recall';

describe('minimal pairs', () => {
  const pairs = buildMinimalPairs();

  it('is deterministic and large enough to rank on', () => {
    expect(buildMinimalPairs().slice(0, 40)).toEqual(pairs.slice(0, 40));
    expect(buildMinimalPairs(7)).not.toEqual(pairs);
    expect(pairs.length).toBeGreaterThan(1000);
  });

  it('labels the hateful twin hate and the lawful one neither hate nor terrorist content', () => {
    expect(pairs.every((p) => p.violating.hate === 1 && p.violating.extremist === 0)).toBe(true);
    expect(pairs.every((p) => p.lawful.hate === 0 && p.lawful.extremist === 0)).toBe(true);
  });

  it('fills both twins with the same group and insult, so only the framing words differ', () => {
    const words = (t: string) => t.toLowerCase().replace(/[".,]/g, '').split(' ');
    // Words the templates write, and the {all} quantifiers that {neg} replaces; any other
    // filler word missing from a lawful twin would be a mismatched draw.
    const framing = new Set([
      ...PAIR_TEMPLATES.flatMap((t) => words(t.violating.replace(/\{\w+\}/g, ''))),
      ...SCOPE_FILLERS.all!.flatMap(words),
    ]);
    for (const { violating: hateful, lawful } of pairs) {
      const inLawful = new Set(words(lawful.text));
      const missing = words(hateful.text).filter((w) => w && !inLawful.has(w) && !framing.has(w));
      expect(missing, `${hateful.text} / ${lawful.text}`).toEqual([]);
      expect(lawful.text).not.toEqual(hateful.text);
    }
  });

  it('has negations on both sides, so a "not" alone never decides', () => {
    const negation = /\b(not|no|never)\b/i;
    const negatedHate = pairs.filter(
      (p) => negation.test(p.violating.text) && !negation.test(p.lawful.text),
    );
    const negatedLawful = pairs.filter(
      (p) => negation.test(p.lawful.text) && !negation.test(p.violating.text),
    );
    expect(negatedHate.length).toBeGreaterThan(200);
    expect(negatedLawful.length).toBeGreaterThan(negatedHate.length);
  });

  it('words threats with phrases the functional suite does not use', () => {
    const functional = new Set(FUNCTIONAL_FILLERS.harm);
    expect(THREAT_PHRASES.filter((f) => functional.has(f))).toEqual([]);
    expect(new Set(THREAT_PHRASES).size).toBe(THREAT_PHRASES.length);
  });

  it('shares no sentence with the functional suite', () => {
    const suite = new Set(buildFunctionalSuite().map((e) => normaliseText(e.text)));
    const texts = pairs.flatMap((p) => [p.violating.text, p.lawful.text]);
    expect(texts.filter((t) => suite.has(normaliseText(t)))).toEqual([]);
  });
});
