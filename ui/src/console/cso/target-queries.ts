import { NARRATIVE_THEMES, TARGETED_GROUP_NAMES, type Target } from '@counterweight/shared/target';
import {
  SPIKE_MIN_COUNT,
  TREND_DIMENSIONS,
  type TrendDimension,
  type TrendInterval,
  type TrendSeries,
} from '@counterweight/shared/trends';

/** The board's filters as the form holds them: empty strings for "any". */
export interface BoardFilters {
  theme: string;
  group: string;
  language: string;
  platform: string;
  status: string;
  /** First and last calendar day captured (`YYYY-MM-DD`), both included. */
  from: string;
  to: string;
}

export const NO_FILTERS: BoardFilters = {
  theme: '',
  group: '',
  language: '',
  platform: '',
  status: '',
  from: '',
  to: '',
};

const DAY_MS = 86_400_000;

/**
 * The board's filters named in a page address's query (`?group=women&status=open`), so that a
 * link to the board (the old `/cso` links redirect with their query) opens it filtered.
 */
export function filtersFromQuery(search: string): BoardFilters {
  const query = new URLSearchParams(search);
  const filters = { ...NO_FILTERS };
  for (const name of Object.keys(NO_FILTERS) as (keyof BoardFilters)[])
    filters[name] = query.get(name)?.trim() ?? '';
  return filters;
}

/**
 * The query of `GET /v1/targets` (and of its CSV export) for `filters`: only the filters set,
 * the last day included (the API's `to` is exclusive, so it is the next midnight UTC).
 */
export function boardQuery(filters: BoardFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['theme', 'group', 'language', 'platform', 'status'] as const) {
    const value = filters[name].trim();
    if (value) query.set(name, value);
  }
  if (filters.from) query.set('from', `${filters.from}T00:00:00Z`);
  if (filters.to)
    query.set('to', new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS).toISOString());
  return query;
}

/** The trend chart's controls: date range, period length, series dimensions, spike floor. */
export interface TrendControls {
  from: string;
  to: string;
  interval: TrendInterval;
  by: TrendDimension[];
  minCount: number;
}

export const DEFAULT_TREND_CONTROLS: TrendControls = {
  from: '',
  to: '',
  interval: 'week',
  by: [...TREND_DIMENSIONS],
  minCount: SPIKE_MIN_COUNT,
};

/** The query of `GET /v1/targets/trends` for `controls`; no dimension ticked means all three. */
export function trendsQuery(controls: TrendControls): URLSearchParams {
  const query = new URLSearchParams();
  if (controls.from) query.set('from', `${controls.from}T00:00:00Z`);
  if (controls.to) query.set('to', `${controls.to}T23:59:59Z`);
  query.set('interval', controls.interval);
  query.set('by', (controls.by.length ? controls.by : TREND_DIMENSIONS).join(','));
  query.set('minCount', String(controls.minCount || SPIKE_MIN_COUNT));
  return query;
}

const THEME_NAMES = new Map<string, string>(NARRATIVE_THEMES.map((t) => [t.id, t.name]));

export const themeName = (id: string | null) => (id === null ? 'all' : (THEME_NAMES.get(id) ?? id));
export const groupName = (id: string | null) =>
  id === null ? 'all' : (TARGETED_GROUP_NAMES[id as Target['group']] ?? id);

/** "Conspiracy theory targeting a group × Jews × de": what a series counts, in words. */
export const seriesName = (s: Pick<TrendSeries, 'theme' | 'group' | 'language'>) =>
  `${themeName(s.theme)} × ${groupName(s.group)} × ${s.language ?? 'all languages'}`;

/** "Week of 2026-11-02", "Day 2026-11-02", "Month 2026-11": a period named by its first day. */
export function periodName(interval: TrendInterval, period: string): string {
  if (interval === 'day') return `Day ${period}`;
  if (interval === 'month') return `Month ${period.slice(0, 7)}`;
  return `Week of ${period}`;
}

/** The figures an outcome form holds (empty string: not measured). */
export type OutcomeFields = Record<
  'views' | 'reach' | 'likes' | 'shares' | 'comments' | 'constructiveReplies',
  string
>;

/** The `figures` of `POST /v1/targets/{id}/outcomes`: the figures entered, nothing else. */
export function outcomeFigures(fields: OutcomeFields) {
  const n = (value: string) => (value.trim() === '' ? undefined : Number(value));
  const pick = <K extends keyof OutcomeFields>(...names: K[]) =>
    Object.fromEntries(
      names.flatMap((name) => (n(fields[name]) === undefined ? [] : [[name, n(fields[name])]])),
    );
  return {
    awareness: pick('views', 'reach'),
    engagement: pick('likes', 'shares', 'comments'),
    impact: pick('constructiveReplies'),
  };
}

/** The figures of a recorded outcome as "views 1200, constructiveReplies 7". */
export function figuresText(figures: Target['outcomes'][number]['figures']): string {
  return Object.entries({ ...figures.awareness, ...figures.engagement, ...figures.impact })
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
