import type { DurationSummary } from '@counterweight/shared/transparency';
import type { SeriesBucket } from '@counterweight/shared/transparency-series';

/** Integers as they are, other numbers with one decimal. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Milliseconds as hours; null stays null (no case to measure). */
export const hours = (ms: number | null): number | null => (ms === null ? null : ms / 3_600_000);

/** A duration summary in words, in hours. */
export function durationText(d: DurationSummary): string {
  if (d.count === 0) return 'no cases';
  return `median ${formatNumber(hours(d.medianMs)!)} h, 90th percentile ${formatNumber(hours(d.p90Ms)!)} h (${d.count} cases)`;
}

/** A taxonomy id as words: `disable_in_territory` → `disable in territory`. */
export const words = (id: string): string => id.replaceAll('_', ' ');

/** The period shown first: the last twelve calendar months, today included (UTC dates). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** A chart bucket's label: the month (`2026-03`) or the day (`03-14`) it starts. */
export const bucketLabel = (bucket: SeriesBucket, from: string): string =>
  bucket === 'month' ? from.slice(0, 7) : from.slice(5, 10);
