import { describe, expect, it } from 'vitest';
import { FeedbackSubmission, scoreBucket } from './feedback';

const count = {
  day: '2026-12-07',
  outcome: 'dismissed',
  label: 'hate',
  decision: 'uncertain',
  scoreBucket: '0.5',
  modelVersion: '2026-11-22T22:26',
  language: 'en',
  count: 3,
};
const valid = { batchId: '6f1c1a8e-4c1b-4e0c-9d3e-2a1b3c4d5e6f', counts: [count] };

describe('FeedbackSubmission', () => {
  it('accepts counts', () => {
    expect(FeedbackSubmission.parse(valid).counts[0]!.count).toBe(3);
  });
  it.each([
    [{ text: 'They are vermin' }, 'counts.0'],
    [{ url: 'https://forum.example/t/1' }, 'counts.0'],
    [{ modelVersion: 'https://forum.example' }, 'counts.0.modelVersion'],
    [{ language: 'english' }, 'counts.0.language'],
    [{ count: 0 }, 'counts.0.count'],
    [{ scoreBucket: '0.55' }, 'counts.0.scoreBucket'],
  ])('refuses a count with %o, naming the field', (patch, path) => {
    const parsed = FeedbackSubmission.safeParse({ ...valid, counts: [{ ...count, ...patch }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
  it('buckets scores by tenths', () => {
    expect([0, 0.05, 0.5, 0.599, 0.99, 1].map(scoreBucket)).toEqual([
      '0.0',
      '0.0',
      '0.5',
      '0.5',
      '0.9',
      '0.9',
    ]);
  });
});
