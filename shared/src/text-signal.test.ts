import { describe, expect, it } from 'vitest';
import { TEXT_SIGNAL_THRESHOLD, textSignal, textSignalDistance } from './text-signal';

const POST =
  'Join the fighters of the caliphate now, the day of reckoning is near and every brother must take up arms against them';

describe('text signal (MinHash of word pairs)', () => {
  it('is 256 hex digits, and the same for the same normalised text', () => {
    const a = textSignal(POST)!;
    expect(a).toMatch(/^[0-9a-f]{256}$/);
    expect(textSignal(POST.toUpperCase().replace(/ /g, '  '))).toBe(a);
  });

  it('keeps a near-duplicate (a word changed, a hashtag added) within the threshold', () => {
    const a = textSignal(POST)!;
    const b = textSignal(POST.replace('brother', 'sister') + ' #share')!;
    const d = textSignalDistance(a, b);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(TEXT_SIGNAL_THRESHOLD);
  });

  it('puts unrelated text far away', () => {
    const other = textSignal(
      'The city council meets on Tuesday to discuss the new cycling lanes and the budget for the library',
    )!;
    expect(textSignalDistance(textSignal(POST)!, other)).toBeGreaterThan(50);
  });

  it('gives no signal for fewer than five words', () => {
    expect(textSignal('join us there now')).toBeNull();
  });
});
