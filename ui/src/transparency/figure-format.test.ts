import { describe, expect, it } from 'vitest';
import { bucketLabel, defaultPeriod, durationText, formatNumber, words } from './figure-format';

describe('figure formatting', () => {
  it('writes integers as they are and other numbers with one decimal', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(2.25)).toBe('2.3');
  });

  it('states durations in hours, or that there was no case', () => {
    expect(durationText({ count: 0, medianMs: null, p90Ms: null })).toBe('no cases');
    expect(durationText({ count: 3, medianMs: 5_400_000, p90Ms: 36_000_000 })).toBe(
      'median 1.5 h, 90th percentile 10 h (3 cases)',
    );
  });

  it('starts at the first day of the month eleven months back and ends after today', () => {
    expect(defaultPeriod(new Date('2026-12-07T23:30:00Z'))).toEqual({
      from: '2026-01-01',
      to: '2026-12-08',
    });
    expect(defaultPeriod(new Date('2026-03-31T00:00:00Z'))).toEqual({
      from: '2025-04-01',
      to: '2026-04-01',
    });
  });

  it('labels buckets by month or day, and ids in words', () => {
    expect(bucketLabel('month', '2026-03-01T00:00:00.000Z')).toBe('2026-03');
    expect(bucketLabel('week', '2026-03-09T00:00:00.000Z')).toBe('03-09');
    expect(words('disable_in_territory')).toBe('disable in territory');
  });
});
