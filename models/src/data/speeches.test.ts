import { describe, expect, it } from 'vitest';
import { splitOf } from './corpus';
import { loadSpeechExamples, speechFiles, speechSentences } from './speeches';

describe('speechSentences', () => {
  it('splits sentences, drops stage directions and short fragments', () => {
    const out = speechSentences(
      'Thank you. (Applause.) We will bring the terrorists who attacked us to justice. Our economy is growing again and jobs are coming back.',
    );
    expect(out).toEqual([
      'We will bring the terrorists who attacked us to justice.',
      'Our economy is growing again and jobs are coming back.',
    ]);
  });
});

describe('loadSpeechExamples', () => {
  it('reads the post-war addresses as lawful text in all three splits', () => {
    expect(speechFiles().length).toBeGreaterThan(60);
    const rows = loadSpeechExamples(splitOf);
    expect(rows.length).toBeGreaterThan(10000);
    expect(rows.every((r) => r.extremist === 0)).toBe(true);
    expect(new Set(rows.map((r) => r.split))).toEqual(new Set(['train', 'dev', 'test']));
    // a sentence naming a group carries no hate label either way
    expect(rows.some((r) => r.hate === null)).toBe(true);
  });
});
