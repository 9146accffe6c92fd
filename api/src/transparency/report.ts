import {
  TRANSPARENCY_METHOD,
  TransparencyReport,
  TransparencySeries,
  type ReportingPeriod,
} from '@counterweight/shared';
import { splitPeriod, type Bucket } from './period';
import type { PublishedFigures } from './published-figures';

/**
 * Builds the transparency report for `period` from the entries of the latest checkpoint, naming
 * that checkpoint's size and root so anyone can recompute it. Costs O(days in the period).
 */
export async function buildTransparencyReport(
  figures: PublishedFigures,
  period: ReportingPeriod,
  now: Date = new Date(),
): Promise<TransparencyReport> {
  const { checkpoint, result } = await figures.at((of) => of(period));
  return TransparencyReport.parse({
    period,
    checkpoint,
    generatedAt: now.toISOString(),
    figures: result,
    method: TRANSPARENCY_METHOD,
  });
}

/**
 * The figures of each calendar bucket of `period`, for charts over time. Costs O(buckets) (days
 * for week and month buckets), whatever the size of the log.
 */
export async function buildTransparencySeries(
  figures: PublishedFigures,
  period: ReportingPeriod,
  bucket: Bucket,
): Promise<TransparencySeries> {
  const buckets = splitPeriod(period, bucket);
  const { checkpoint, result } = await figures.at((of) =>
    buckets.map((p) => ({ period: p, figures: of(p) })),
  );
  // Built from typed parts (the figures are TransparencyFigures by construction); parsing 400
  // points again would cost more than computing them.
  return { checkpoint, bucket, points: result };
}

/** JSON of figures shared between answers (frozen: a whole day's), by object. */
const jsonOfShared = new WeakMap<object, string>();

function figuresJson(figures: TransparencySeries['points'][number]['figures']): string {
  if (!Object.isFrozen(figures)) return JSON.stringify(figures);
  let json = jsonOfShared.get(figures);
  if (json === undefined) jsonOfShared.set(figures, (json = JSON.stringify(figures)));
  return json;
}

/**
 * The series as JSON text, as `JSON.stringify` would give it, reusing the text of each whole
 * day's figures: a year by day is 365 figure objects (about 490 KiB), whose serialisation would
 * otherwise be most of the request's cost.
 */
export function seriesJson(series: TransparencySeries): string {
  const points = series.points.map(
    (p) => `{"period":${JSON.stringify(p.period)},"figures":${figuresJson(p.figures)}}`,
  );
  return `{"checkpoint":${JSON.stringify(series.checkpoint)},"bucket":${JSON.stringify(series.bucket)},"points":[${points.join(',')}]}`;
}
