import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { parseInstant, periodFromQuery, splitPeriod } from './period';

describe('periodFromQuery', () => {
  it('accepts dates and timestamps', () => {
    expect(periodFromQuery({ from: '2026-01-01', to: '2026-02-01T12:00:00+01:00' })).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T11:00:00.000Z',
    });
    expect(parseInstant('2026-13-45')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('names the field that is wrong', () => {
    const issue = (q: Record<string, string>) => {
      try {
        periodFromQuery(q);
      } catch (error) {
        return error instanceof ApiError ? [error.code, error.issues?.[0]?.path] : error;
      }
      return 'accepted';
    };
    expect(issue({ to: '2026-01-01' })).toEqual(['validation_failed', 'query.from']);
    expect(issue({ from: '2026-01-01', to: 'soon' })).toEqual(['validation_failed', 'query.to']);
    expect(issue({ from: '2026-02-01', to: '2026-01-01' })).toEqual([
      'validation_failed',
      'query.to',
    ]);
  });
});

describe('splitPeriod', () => {
  it('cuts months, weeks and days at calendar boundaries', () => {
    expect(
      splitPeriod({ from: '2026-01-15T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' }, 'month'),
    ).toEqual([
      { from: '2026-01-15T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
      { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
      { from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' },
    ]);
    // 2026-01-01 is a Thursday: the first week ends on Monday the 5th.
    expect(
      splitPeriod({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-13T00:00:00.000Z' }, 'week').map(
        (p) => p.to,
      ),
    ).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-13T00:00:00.000Z']);
    expect(
      splitPeriod({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' }, 'day'),
    ).toHaveLength(2);
  });

  it('refuses too many buckets with a 400', () => {
    expect(() =>
      splitPeriod({ from: '2000-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }, 'day'),
    ).toThrow(ApiError);
  });
});
