import { ReportingPeriod, SeriesBucket } from '@counterweight/shared';
import { ApiError } from '../errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const BUCKETS = SeriesBucket.options;
export type Bucket = (typeof BUCKETS)[number];
/** Most buckets one series request may ask for. */
export const MAX_BUCKETS = 400;

/** `2026-01-01` (midnight UTC) or an ISO timestamp with offset, as an ISO UTC string; null if neither. */
export function parseInstant(value: string): string | null {
  const text = DATE.test(value) ? `${value}T00:00:00Z` : value;
  if (!ReportingPeriod.shape.from.safeParse(text).success) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Reads `from` and `to` from a query: required, a date or timestamp each, `from` before `to`.
 * Throws a 400 naming the field.
 */
export function periodFromQuery(query: {
  from?: string | undefined;
  to?: string | undefined;
}): ReportingPeriod {
  const field = (name: 'from' | 'to') => {
    const raw = query[name];
    if (raw === undefined || raw === '')
      throw new ApiError('validation_failed', `query ${name} is required`, [
        { path: `query.${name}`, message: 'required: a date (2026-01-01) or an ISO timestamp' },
      ]);
    const instant = parseInstant(raw);
    if (!instant)
      throw new ApiError('validation_failed', `query ${name} is not a date`, [
        {
          path: `query.${name}`,
          message: 'expected a date (2026-01-01) or an ISO timestamp with offset',
        },
      ]);
    return instant;
  };
  const period = { from: field('from'), to: field('to') };
  if (Date.parse(period.from) >= Date.parse(period.to))
    throw new ApiError('validation_failed', 'query to must be after from', [
      { path: 'query.to', message: 'must be after from' },
    ]);
  return period;
}

/** Splits a period into calendar buckets (UTC; weeks start on Monday), the last one cut at `to`. */
export function splitPeriod(period: ReportingPeriod, bucket: Bucket): ReportingPeriod[] {
  const end = Date.parse(period.to);
  const out: ReportingPeriod[] = [];
  let start = new Date(period.from);
  while (start.getTime() < end) {
    const next = nextBoundary(start, bucket);
    out.push({
      from: start.toISOString(),
      to: new Date(Math.min(next.getTime(), end)).toISOString(),
    });
    if (out.length > MAX_BUCKETS)
      throw new ApiError('validation_failed', `at most ${MAX_BUCKETS} buckets per request`, [
        { path: 'query.bucket', message: 'too many buckets for this period' },
      ]);
    start = next;
  }
  return out;
}

function nextBoundary(at: Date, bucket: Bucket): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  if (bucket === 'month') return new Date(Date.UTC(y, m + 1, 1));
  if (bucket === 'day') return new Date(Date.UTC(y, m, d + 1));
  const daysToMonday = (8 - at.getUTCDay()) % 7 || 7;
  return new Date(Date.UTC(y, m, d + daysToMonday));
}
