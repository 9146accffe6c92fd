import { ClassifierResult } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextClassifier } from '../inference';
import { loadClassifier } from '../load-node';

let classifier: TextClassifier;
beforeAll(async () => {
  classifier = await loadClassifier();
});
afterAll(() => classifier.dispose());

const GERMAN =
  'Alle Ausländer sind Ungeziefer und gehören aus dem Land gejagt, sofort und für immer';
const RUSSIAN = 'Все мигранты паразиты, их надо выгнать из страны';
const ENGLISH = 'All immigrants are vermin and should be driven out of the country';

describe('TextClassifier: the language gate', () => {
  it('abstains on languages the metadata does not list, with label null and zero scores', async () => {
    expect(classifier.metadata.languages).toEqual(['en']);
    const results = await classifier.classify([GERMAN, ENGLISH, RUSSIAN]);
    for (const r of results) expect(ClassifierResult.parse(r)).toEqual(r);
    expect(results[0]).toEqual({
      decision: 'abstain',
      label: null,
      scores: { hate: 0, extremist: 0 },
      evidence: [],
      language: 'de',
    });
    expect(results[2]).toMatchObject({ decision: 'abstain', language: 'ru' });
    expect(results[1]).toMatchObject({ decision: 'flag', label: 'hate', language: 'en' });
  });

  it('scores English exactly as without the gate, in a batch mixed with other languages', async () => {
    const english = [ENGLISH, 'The church bell will ring at noon', 'kill them'];
    const alone = await classifier.classify(english, { languageGate: false });
    const mixed = await classifier.classify([RUSSIAN, ...english, GERMAN]);
    expect(mixed.slice(1, 4)).toEqual(alone);
  });

  it('scores every text when the gate is off, still telling the language', async () => {
    const [german] = await classifier.classify([GERMAN], { languageGate: false });
    expect(german!.language).toBe('de');
    expect(german!.decision).not.toBe('abstain');
    expect(german!.scores.hate).toBeGreaterThan(0);
  });
});
