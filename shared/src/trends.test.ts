import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  addWeeks,
  markSpikes,
  periodsBetween,
  periodStart,
  targetTrends,
  weekStart,
  weeksBetween,
  type TrendObservation,
} from './trends';

describe('weekStart', () => {
  it('gives the Monday of the ISO week in UTC', () => {
    expect(weekStart('2026-11-22T23:59:59Z')).toBe('2026-11-16'); // a Sunday
    expect(weekStart('2026-11-23T00:00:00Z')).toBe('2026-11-23'); // a Monday
    expect(weekStart('2026-11-23T00:30:00+02:00')).toBe('2026-11-16'); // still Sunday in UTC
    expect(weekStart('2027-01-01T12:00:00Z')).toBe('2026-12-28');
  });

  it('is always a Monday at most six days before the instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d) => {
          const monday = new Date(`${weekStart(d)}T00:00:00Z`);
          expect(monday.getUTCDay()).toBe(1);
          expect(d.getTime() - monday.getTime()).toBeGreaterThanOrEqual(0);
          expect(d.getTime() - monday.getTime()).toBeLessThan(7 * 86_400_000);
        },
      ),
    );
  });

  it('lists weeks between two instants, both included', () => {
    expect(weeksBetween('2026-11-01T00:00:00Z', '2026-11-22T00:00:00Z')).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(addWeeks('2026-03-23', 1)).toBe('2026-03-30'); // across the DST change in Europe
  });
});

describe('markSpikes', () => {
  it('marks a week above the trailing eight-week mean + 3 sd', () => {
    const counts = [4, 5, 6, 5, 4, 5, 6, 5, 20, 5];
    const marks = markSpikes(counts);
    expect(marks.map((m) => m.spike)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(marks[8]?.baseline?.mean).toBe(5);
    expect(marks[8]?.baseline?.sd).toBeCloseTo(Math.sqrt(0.5), 10);
  });

  it('does not mark a week exactly at the threshold, nor without eight weeks of history', () => {
    // mean 1, population sd 1 -> threshold 4
    expect(markSpikes([0, 2, 0, 2, 0, 2, 0, 2, 4]).at(-1)?.spike).toBe(false);
    expect(markSpikes([0, 2, 0, 2, 0, 2, 0, 2, 5]).at(-1)?.spike).toBe(true);
    expect(markSpikes([0, 0, 0, 0, 0, 0, 0, 90]).some((m) => m.spike)).toBe(false);
  });

  it('needs a minimum count besides 3 sd: one target after eight quiet weeks is no spike', () => {
    expect(markSpikes([0, 0, 0, 0, 0, 0, 0, 0, 1]).at(-1)?.spike).toBe(false);
    expect(markSpikes([0, 0, 0, 0, 0, 0, 0, 0, 4]).at(-1)?.spike).toBe(false);
    expect(markSpikes([0, 0, 0, 0, 0, 0, 0, 0, 5]).at(-1)?.spike).toBe(true);
    expect(markSpikes([0, 0, 0, 0, 0, 0, 0, 0, 4], 8, 3, 3).at(-1)?.spike).toBe(true);
    expect(markSpikes([0, 0, 0, 0, 0, 0, 0, 0, 9], 8, 3, 10).at(-1)?.spike).toBe(false);
  });

  it('never marks a flat series', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 0, max: 60 }), (level, length) => {
        expect(markSpikes(Array(length).fill(level)).some((m) => m.spike)).toBe(false);
      }),
    );
  });

  it('never marks a series without enough weeks, and marks a big enough jump in a noisy one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 8, maxLength: 40 }),
        fc.integer({ min: 1, max: 500 }),
        (noise, extra) => {
          const baseline = noise.slice(-8);
          const mean = baseline.reduce((a, b) => a + b, 0) / 8;
          const sd = Math.sqrt(baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / 8);
          const jump = Math.floor(mean + 3 * sd) + extra;
          const marks = markSpikes([...noise, jump], 8, 3, 1);
          expect(marks.at(-1)?.spike).toBe(true);
          expect(marks.slice(0, 8).some((m) => m.spike)).toBe(false);
          // the same week at the baseline mean is no spike
          expect(markSpikes([...noise, Math.floor(mean)], 8, 3, 1).at(-1)?.spike).toBe(false);
        },
      ),
    );
  });
});

describe('targetTrends', () => {
  const at = (week: string, day = 2) =>
    new Date(Date.parse(`${week}T10:00:00Z`) + day * 86_400_000).toISOString();
  const generate = (
    weeks: string[],
    perWeek: (i: number) => number,
    o: Omit<TrendObservation, 'capturedAt'>,
  ) =>
    weeks.flatMap((w, i) =>
      Array.from({ length: perWeek(i) }, (_, k) => ({ ...o, capturedAt: at(w, k % 7) })),
    );

  const from = '2026-09-07T00:00:00Z';
  const to = '2026-11-16T00:00:00Z';
  const shown = weeksBetween(from, to);
  const all = weeksBetween(addWeeks('2026-09-07', -8), to);

  it('marks the spike week in a generated series and not in a flat one', () => {
    const spikeWeek = shown[6] as string;
    const rising = generate(all, (i) => (all[i] === spikeWeek ? 30 : 3 + (i % 2)), {
      theme: 'conspiracy_against_group',
      group: 'jews',
      language: 'de',
    });
    const flat = generate(all, () => 4, {
      theme: 'dehumanisation_us_vs_them',
      group: 'migrants',
      language: 'en',
    });
    const trends = targetTrends([...flat, ...rising], { from, to });

    expect(trends.periods).toEqual(shown);
    expect(trends.interval).toBe('week');
    expect(trends.series).toHaveLength(2);
    expect(trends.spikes).toEqual([
      {
        period: spikeWeek,
        theme: 'conspiracy_against_group',
        group: 'jews',
        language: 'de',
        count: 30,
      },
    ]);
    const flatSeries = trends.series.find((s) => s.group === 'migrants');
    expect(flatSeries?.points.every((p) => p.count === 4 && !p.spike && p.baseline?.sd === 0)).toBe(
      true,
    );
    expect(flatSeries?.total).toBe(4 * shown.length);
    // the first shown week has a baseline from the eight weeks before `from`
    expect(trends.series[0]?.points[0]?.baseline).not.toBeNull();
  });

  it('groups by the chosen dimensions only and ignores observations outside the range', () => {
    const obs: TrendObservation[] = [
      { capturedAt: at(shown[0] as string), theme: 'other', group: 'women', language: 'en' },
      { capturedAt: at(shown[0] as string), theme: 'other', group: 'women', language: 'fr' },
      {
        capturedAt: at(shown[1] as string),
        theme: 'recruitment_belonging',
        group: 'women',
        language: 'fr',
      },
      { capturedAt: '2020-01-01T00:00:00Z', theme: 'other', group: 'women', language: 'en' },
      { capturedAt: '2030-01-01T00:00:00Z', theme: 'other', group: 'women', language: 'en' },
    ];
    const byGroup = targetTrends(obs, { from, to }, { by: ['group'] });
    expect(byGroup.series).toHaveLength(1);
    expect(byGroup.series[0]).toMatchObject({
      theme: null,
      group: 'women',
      language: null,
      total: 3,
    });
    expect(byGroup.series[0]?.points.slice(0, 2).map((p) => p.count)).toEqual([2, 1]);
    const byThemeLanguage = targetTrends(obs, { from, to }, { by: ['theme', 'language'] });
    expect(byThemeLanguage.series.map((s) => [s.theme, s.language, s.total])).toEqual([
      ['other', 'en', 1],
      ['other', 'fr', 1],
      ['recruitment_belonging', 'fr', 1],
    ]);
  });

  it('keeps every observation in the range counted exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            capturedAt: fc
              .date({
                min: new Date('2026-07-01'),
                max: new Date('2026-12-31'),
                noInvalidDate: true,
              })
              .map((d) => d.toISOString()),
            theme: fc.constantFrom('other' as const, 'grievance_exploitation' as const),
            group: fc.constantFrom('muslims' as const, 'lgbtq' as const),
            language: fc.constantFrom('en', 'ar'),
          }),
          { maxLength: 200 },
        ),
        (obs) => {
          const trends = targetTrends(obs, { from, to });
          const inRange = obs.filter(
            (o) =>
              weekStart(o.capturedAt) >= (shown[0] as string) &&
              weekStart(o.capturedAt) <= (shown.at(-1) as string),
          );
          expect(trends.series.reduce((a, s) => a + s.total, 0)).toBe(inRange.length);
        },
      ),
    );
  });
});

describe('periods of a day, a week or a month', () => {
  it('names each period by its first day (UTC) and steps across month and year ends', () => {
    expect(periodStart('2026-11-22T23:59:59Z', 'day')).toBe('2026-11-22');
    expect(periodStart('2026-11-22T23:59:59Z', 'week')).toBe('2026-11-16');
    expect(periodStart('2026-11-22T23:59:59Z', 'month')).toBe('2026-11-01');
    expect(addPeriods('2026-12-31', 1, 'day')).toBe('2027-01-01');
    expect(addPeriods('2026-11-01', 3, 'month')).toBe('2027-02-01');
    expect(addPeriods('2026-03-01', -8, 'month')).toBe('2025-07-01');
    expect(periodsBetween('2026-10-15T00:00:00Z', '2027-01-02T00:00:00Z', 'month')).toEqual([
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
    expect(periodsBetween('2026-11-30T10:00:00Z', '2026-12-02T00:00:00Z', 'day')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  it('counts the same observations per day, per week and per month', () => {
    const obs: TrendObservation[] = ['2026-11-02', '2026-11-03', '2026-11-03', '2026-11-30'].map(
      (day) => ({ capturedAt: `${day}T08:00:00Z`, theme: 'other', group: 'women', language: 'en' }),
    );
    const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:00:00Z' };
    const counts = (interval: 'day' | 'week' | 'month') =>
      targetTrends(obs, range, { by: ['group'], interval }).series[0]?.points.filter(
        (p) => p.count > 0,
      );
    expect(counts('day')?.map((p) => [p.period, p.count])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 2],
      ['2026-11-30', 1],
    ]);
    expect(counts('week')?.map((p) => [p.period, p.count])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-30', 1],
    ]);
    expect(counts('month')?.map((p) => [p.period, p.count])).toEqual([['2026-11-01', 4]]);
    expect(targetTrends(obs, range, { interval: 'day' }).periods).toHaveLength(30);
  });

  it('takes the baseline from the eight months before, and the minimum count applies', () => {
    const months = periodsBetween('2026-01-15T00:00:00Z', '2026-09-15T00:00:00Z', 'month');
    const obs = months.flatMap((month, i) =>
      Array.from({ length: i === 8 ? 6 : 1 }, () => ({
        capturedAt: `${month.slice(0, 8)}10T08:00:00Z`,
        theme: 'other' as const,
        group: 'women' as const,
        language: 'en',
      })),
    );
    const range = { from: '2026-09-01T00:00:00Z', to: '2026-09-30T00:00:00Z' };
    expect(targetTrends(obs, range, { interval: 'month' }).spikes).toEqual([
      { period: '2026-09-01', theme: 'other', group: 'women', language: 'en', count: 6 },
    ]);
    expect(targetTrends(obs, range, { interval: 'month', minCount: 7 }).spikes).toEqual([]);
  });
});
