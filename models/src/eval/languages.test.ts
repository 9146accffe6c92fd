import type { ClassifierResult } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { languageRows, languagesMarkdown, loadLanguageSample, udhrSentences } from './languages';

const result = (decision: ClassifierResult['decision'], language: string): ClassifierResult => ({
  decision,
  label: null,
  scores: { hate: 0, extremist: 0 },
  evidence: [],
  language,
});

describe('the multilingual sample', () => {
  it('splits a declaration into sentences of 5 to 40 words', () => {
    const html =
      '<p>Everyone has the right to life, liberty and security of person.</p><p>Article 3</p>' +
      '<p>No one shall be held in slavery; slavery shall be prohibited in all forms.</p>';
    expect(udhrSentences(html, 'en')).toEqual([
      'Everyone has the right to life, liberty and security of person.',
      'No one shall be held in slavery;',
      'slavery shall be prohibited in all forms.',
    ]);
  });

  it('holds every MLMA row and UDHR sentences in 27 languages, whole and cut short', () => {
    const sample = loadLanguageSample();
    const mlma = sample.filter((t) => t.sample === 'MLMA tweets');
    expect(mlma).toHaveLength(13005);
    const udhr = new Set(
      sample.filter((t) => t.sample === 'UDHR sentences').map((t) => t.language),
    );
    expect(udhr.size).toBe(27);
    for (const t of sample.filter((t) => t.sample === 'UDHR, first 5 words' && t.language === 'de'))
      expect(t.text.split(' ').length).toBeLessThanOrEqual(5);
  });
});

describe('languageRows and languagesMarkdown', () => {
  it('gives the abstained, undetermined and identified shares per sample and language', () => {
    const texts = [
      { sample: 's', language: 'fr', text: 'a' },
      { sample: 's', language: 'fr', text: 'b' },
      { sample: 's', language: 'en', text: 'c' },
    ];
    const rows = languageRows(texts, [
      result('abstain', 'fr'),
      result('clear', 'und'),
      result('abstain', 'de'),
    ]);
    expect(rows).toEqual([
      { sample: 's', language: 'fr', n: 2, abstained: 0.5, undetermined: 0.5, identified: 0.5 },
      { sample: 's', language: 'en', n: 1, abstained: 1, undetermined: 0, identified: 0 },
    ]);
    const md = languagesMarkdown(rows, ['en']);
    expect(md).toContain('| s | en (covered) | 1 | 100.0 % | 0.0 % | 0.0 % |');
    expect(md).toContain('| s | fr | 2 | 50.0 % | 50.0 % | 50.0 % |');
  });
});
