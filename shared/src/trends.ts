import { z } from 'zod';
import { LanguageCode, Timestamp } from './common';
import { CalendarDate, commaList, NarrativeTheme, TargetedGroup } from './target';

/**
 * Early warning from counter-narrative targets: counts per day, week or month by theme ×
 * targeted group × language, and a spike marker when a period exceeds the mean of the eight
 * periods before it by more than three standard deviations and has at least a minimum count. A
 * spike is a warning sign worth a human look, nothing more.
 */

/** How many periods before each one make its baseline (whatever the interval). */
export const SPIKE_WINDOW = 8;
export const SPIKE_SIGMAS = 3;
/** A period is a spike only with at least this many targets (besides the 3σ rule); configurable. */
export const SPIKE_MIN_COUNT = 5;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday (UTC) of the ISO week that contains `at`, as `YYYY-MM-DD`. */
export function weekStart(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const day = Math.floor(date.getTime() / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** `week` (a Monday, `YYYY-MM-DD`) moved by `n` weeks. */
export function addWeeks(week: string, n: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + n * WEEK_MS).toISOString().slice(0, 10);
}

/** Every Monday from the week of `from` to the week of `to`, both included. */
export function weeksBetween(from: string, to: string): string[] {
  return periodsBetween(from, to, 'week');
}

/** The length of the periods counts are grouped in: a UTC day, an ISO week, a calendar month. */
export const TREND_INTERVALS = ['day', 'week', 'month'] as const;
export const TrendInterval = z.enum(TREND_INTERVALS);
export type TrendInterval = z.infer<typeof TrendInterval>;

/** First day (UTC) of the `interval` that contains `at`, as `YYYY-MM-DD`: the period's name. */
export function periodStart(at: Date | string, interval: TrendInterval): string {
  if (interval === 'week') return weekStart(at);
  const day = (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
  return interval === 'day' ? day : `${day.slice(0, 7)}-01`;
}

/** `period` (a period start, `YYYY-MM-DD`) moved by `n` periods of `interval`. */
export function addPeriods(period: string, n: number, interval: TrendInterval): string {
  if (interval === 'week') return addWeeks(period, n);
  if (interval === 'day')
    return new Date(Date.parse(`${period}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
  const date = new Date(`${period}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + n, 1);
  return date.toISOString().slice(0, 10);
}

/** Every period start of `interval` from the one of `from` to the one of `to`, both included. */
export function periodsBetween(from: string, to: string, interval: TrendInterval): string[] {
  const periods: string[] = [];
  const last = periodStart(to, interval);
  for (let p = periodStart(from, interval); p <= last; p = addPeriods(p, 1, interval))
    periods.push(p);
  return periods;
}

export interface SpikeMark {
  count: number;
  /** Mean and population standard deviation of the previous eight periods; null without them. */
  baseline: { mean: number; sd: number } | null;
  spike: boolean;
}

/**
 * Marks each period of a series of counts: period i is a spike when it has eight periods before
 * it, `count > mean + 3·sd` of those eight (population standard deviation), and at least
 * `minCount` targets (default 5): without that floor, after eight empty periods a single target
 * would be a "spike", since the standard deviation is zero. A flat series never spikes.
 */
export function markSpikes(
  counts: readonly number[],
  window: number = SPIKE_WINDOW,
  sigmas: number = SPIKE_SIGMAS,
  minCount: number = SPIKE_MIN_COUNT,
): SpikeMark[] {
  return counts.map((count, i) => {
    if (i < window) return { count, baseline: null, spike: false };
    const trailing = counts.slice(i - window, i);
    const mean = trailing.reduce((a, b) => a + b, 0) / window;
    const sd = Math.sqrt(trailing.reduce((a, b) => a + (b - mean) ** 2, 0) / window);
    return {
      count,
      baseline: { mean, sd },
      spike: count >= minCount && count > mean + sigmas * sd,
    };
  });
}

export const TREND_DIMENSIONS = ['theme', 'group', 'language'] as const;
export const TrendDimension = z.enum(TREND_DIMENSIONS);
export type TrendDimension = z.infer<typeof TrendDimension>;

export const TrendPoint = z.strictObject({
  /** The period's first day. */
  period: CalendarDate,
  count: z.number().int().min(0),
  baseline: z.strictObject({ mean: z.number(), sd: z.number() }).nullable(),
  spike: z.boolean(),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** One series; a dimension that was not grouped by is null (all values together). */
export const TrendSeries = z.strictObject({
  theme: NarrativeTheme.nullable(),
  group: TargetedGroup.nullable(),
  language: LanguageCode.nullable(),
  total: z.number().int().min(0),
  points: z.array(TrendPoint),
});
export type TrendSeries = z.infer<typeof TrendSeries>;

/** Body of `GET /v1/targets/trends`. */
export const Trends = z.strictObject({
  interval: TrendInterval,
  /** The first day of each period shown. */
  periods: z.array(CalendarDate),
  by: z.array(TrendDimension),
  /** How many periods before each one make its baseline. */
  window: z.number().int(),
  sigmas: z.number(),
  /** The fewest targets a spike period has. */
  minCount: z.number().int(),
  series: z.array(TrendSeries),
  spikes: z.array(
    z.strictObject({
      period: CalendarDate,
      theme: NarrativeTheme.nullable(),
      group: TargetedGroup.nullable(),
      language: LanguageCode.nullable(),
      count: z.number().int(),
    }),
  ),
});
export type Trends = z.infer<typeof Trends>;

/** Query of `GET /v1/targets/trends`. */
export const TrendsQuery = z
  .strictObject({
    from: Timestamp.optional(),
    to: Timestamp.optional(),
    by: commaList(TrendDimension, TREND_DIMENSIONS.join(', ')).default([
      'theme',
      'group',
      'language',
    ]),
    /** Count per day, week (ISO, Monday UTC) or calendar month (default week). */
    interval: TrendInterval.default('week'),
    /** The fewest targets a spike period must have (default 5). */
    minCount: z.coerce.number().int().min(1).max(100_000).default(SPIKE_MIN_COUNT),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['from'],
    message: 'from must not be after to',
  });
export type TrendsQuery = z.infer<typeof TrendsQuery>;

export interface TrendObservation {
  capturedAt: string;
  theme: NarrativeTheme;
  group: TargetedGroup;
  language: string;
}

/** How the counts are made: dimensions, interval and the spike floor (all with defaults). */
export interface TrendOptions {
  by?: readonly TrendDimension[];
  interval?: TrendInterval;
  minCount?: number;
}

/**
 * Trends over the periods from the one of `from` to the one of `to` (both included). Pass
 * observations from eight periods before `from` on, so the first periods have their baseline;
 * older or later ones are ignored. Series are ordered by total (in the shown periods) descending,
 * then by key.
 */
export function targetTrends(
  observations: readonly TrendObservation[],
  range: { from: string; to: string },
  { by = TREND_DIMENSIONS, interval = 'week', minCount = SPIKE_MIN_COUNT }: TrendOptions = {},
): Trends {
  const periods = periodsBetween(range.from, range.to, interval);
  const frame = {
    interval,
    periods,
    by: [...by],
    window: SPIKE_WINDOW,
    sigmas: SPIKE_SIGMAS,
    minCount,
  };
  const first = periods[0];
  if (first === undefined) return { ...frame, series: [], spikes: [] };
  const start = addPeriods(first, -SPIKE_WINDOW, interval);
  const allPeriods = [
    ...periodsBetween(start, addPeriods(first, -1, interval), interval),
    ...periods,
  ];
  const index = new Map(allPeriods.map((p, i) => [p, i]));

  const buckets = new Map<
    string,
    { key: Pick<TrendSeries, 'theme' | 'group' | 'language'>; counts: number[] }
  >();
  for (const o of observations) {
    const i = index.get(periodStart(o.capturedAt, interval));
    if (i === undefined) continue;
    const key = {
      theme: by.includes('theme') ? o.theme : null,
      group: by.includes('group') ? o.group : null,
      language: by.includes('language') ? o.language : null,
    };
    const id = `${key.theme}|${key.group}|${key.language}`;
    let bucket = buckets.get(id);
    if (!bucket) buckets.set(id, (bucket = { key, counts: allPeriods.map(() => 0) }));
    bucket.counts[i] = (bucket.counts[i] ?? 0) + 1;
  }

  const series: TrendSeries[] = [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, { key, counts }]) => {
      const points = markSpikes(counts, SPIKE_WINDOW, SPIKE_SIGMAS, minCount)
        .slice(SPIKE_WINDOW)
        .map((mark, i) => ({ period: periods[i] as string, ...mark }));
      return { ...key, total: points.reduce((a, p) => a + p.count, 0), points };
    })
    .sort((a, b) => b.total - a.total);
  const spikes = series.flatMap((s) =>
    s.points
      .filter((p) => p.spike)
      .map((p) => ({
        period: p.period,
        theme: s.theme,
        group: s.group,
        language: s.language,
        count: p.count,
      })),
  );
  return { ...frame, series, spikes };
}
