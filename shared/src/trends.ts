import { z } from 'zod';
import { LanguageCode, Timestamp } from './common';
import { CalendarDate, commaList, NarrativeTheme, TargetedGroup } from './target';

/**
 * Early warning from counter-narrative targets: weekly counts by theme × targeted group ×
 * language, and a spike marker when a week exceeds the mean of the eight weeks before it by more
 * than three standard deviations. A spike is a warning sign worth a human look, nothing more.
 */
export const SPIKE_WINDOW_WEEKS = 8;
export const SPIKE_SIGMAS = 3;
/** A week is a spike only with at least this many targets (besides the 3σ rule); configurable. */
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
  const weeks: string[] = [];
  for (let w = weekStart(from), last = weekStart(to); w <= last; w = addWeeks(w, 1)) weeks.push(w);
  return weeks;
}

export interface SpikeMark {
  count: number;
  /** Mean and population standard deviation of the previous eight weeks; null without them. */
  baseline: { mean: number; sd: number } | null;
  spike: boolean;
}

/**
 * Marks each week of a series of weekly counts: week i is a spike when it has eight weeks before
 * it, `count > mean + 3·sd` of those eight weeks (population standard deviation), and at least
 * `minCount` targets (default 5): without that floor, after eight empty weeks a single target
 * would be a "spike", since the standard deviation is zero. A flat series never spikes.
 */
export function markSpikes(
  counts: readonly number[],
  window: number = SPIKE_WINDOW_WEEKS,
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
  week: CalendarDate,
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
  weeks: z.array(CalendarDate),
  by: z.array(TrendDimension),
  windowWeeks: z.number().int(),
  sigmas: z.number(),
  /** The fewest targets a spike week has. */
  minCount: z.number().int(),
  series: z.array(TrendSeries),
  spikes: z.array(
    z.strictObject({
      week: CalendarDate,
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
    /** The fewest targets a spike week must have (default 5). */
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

/**
 * Weekly trends over the weeks from `from` to `to` (both included). Pass observations from eight
 * weeks before `from` on, so the first weeks have their baseline; older or later ones are ignored.
 * Series are ordered by total (in the shown weeks) descending, then by key.
 */
export function weeklyTrends(
  observations: readonly TrendObservation[],
  range: { from: string; to: string },
  by: readonly TrendDimension[] = TREND_DIMENSIONS,
  minCount: number = SPIKE_MIN_COUNT,
): Trends {
  const weeks = weeksBetween(range.from, range.to);
  const first = weeks[0];
  if (first === undefined)
    return {
      weeks,
      by: [...by],
      windowWeeks: SPIKE_WINDOW_WEEKS,
      sigmas: SPIKE_SIGMAS,
      minCount,
      series: [],
      spikes: [],
    };
  const start = addWeeks(first, -SPIKE_WINDOW_WEEKS);
  const allWeeks = [...weeksBetween(start, addWeeks(first, -1)), ...weeks];
  const index = new Map(allWeeks.map((w, i) => [w, i]));

  const buckets = new Map<
    string,
    { key: Pick<TrendSeries, 'theme' | 'group' | 'language'>; counts: number[] }
  >();
  for (const o of observations) {
    const i = index.get(weekStart(o.capturedAt));
    if (i === undefined) continue;
    const key = {
      theme: by.includes('theme') ? o.theme : null,
      group: by.includes('group') ? o.group : null,
      language: by.includes('language') ? o.language : null,
    };
    const id = `${key.theme}|${key.group}|${key.language}`;
    let bucket = buckets.get(id);
    if (!bucket) buckets.set(id, (bucket = { key, counts: allWeeks.map(() => 0) }));
    bucket.counts[i] = (bucket.counts[i] ?? 0) + 1;
  }

  const series: TrendSeries[] = [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, { key, counts }]) => {
      const points = markSpikes(counts, SPIKE_WINDOW_WEEKS, SPIKE_SIGMAS, minCount)
        .slice(SPIKE_WINDOW_WEEKS)
        .map((mark, i) => ({ week: weeks[i] as string, ...mark }));
      return { ...key, total: points.reduce((a, p) => a + p.count, 0), points };
    })
    .sort((a, b) => b.total - a.total);
  const spikes = series.flatMap((s) =>
    s.points
      .filter((p) => p.spike)
      .map((p) => ({
        week: p.week,
        theme: s.theme,
        group: s.group,
        language: s.language,
        count: p.count,
      })),
  );
  return {
    weeks,
    by: [...by],
    windowWeeks: SPIKE_WINDOW_WEEKS,
    sigmas: SPIKE_SIGMAS,
    minCount,
    series,
    spikes,
  };
}
