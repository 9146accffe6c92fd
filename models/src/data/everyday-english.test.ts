import { describe, expect, it } from 'vitest';
import { everydayExamples, loadEverydayExamples, usageExamples } from './everyday-english';

const LINE =
  '00245952 04 v 01 shoot 0 002 | fire a shot; "the soldier shot the target"; "He shot his rifle at the enemy troops"  ';

describe('everyday English from WordNet usage examples', () => {
  it('takes the quoted examples after the gloss, not the gloss or the licence header', () => {
    expect(usageExamples(LINE)).toEqual([
      'the soldier shot the target',
      'He shot his rifle at the enemy troops',
    ]);
    expect(usageExamples('  1 This software and database is being provided "AS IS" | x')).toEqual(
      [],
    );
  });

  it('labels examples lawful, leaves hate unknown where an identity or insult appears, drops short ones', () => {
    const lines = [
      LINE,
      'x | y; "the women of the village met at the well"; "they called him vermin and worse"; "too short"',
      'x | z; "the soldier shot the target"',
    ];
    const rows = everydayExamples(lines, new Set(['vermin']), () => 'train');
    expect(rows.map((r) => [r.text, r.hate, r.extremist])).toEqual([
      ['the soldier shot the target', 0, 0],
      ['He shot his rifle at the enemy troops', 0, 0],
      ['the women of the village met at the well', null, 0],
      ['they called him vermin and worse', null, 0],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('reads tens of thousands of examples from the installed WordNet', () => {
    const rows = loadEverydayExamples(new Set(), () => 'train');
    expect(rows.length).toBeGreaterThan(30000);
    expect(rows.every((r) => r.extremist === 0 && r.source === 'wordnet-examples')).toBe(true);
  });
});
