/**
 * Reach as a page shows it next to a post ("12.4K views", "1,204 shares", "3 Mio. Aufrufe"):
 * the largest figure found for each kind in the given text, or nothing when the page shows none.
 * Only what is visible is read; nothing is fetched.
 */
export function findVisibleReach(text: string): { views?: number; shares?: number } {
  const reach: { views?: number; shares?: number } = {};
  const pattern =
    /(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d+)?)\s*(k|m|mio\.?|tsd\.?|thousand|million)?\s*(views?|plays?|impressions|aufrufe|vues|shares?|reposts?|retweets?|geteilt|partages)\b/gi;
  for (const match of text.matchAll(pattern)) {
    const value = parseCount(match[1] ?? '', match[2] ?? '');
    if (value === null) continue;
    const kind = /^(views?|plays?|impressions|aufrufe|vues)$/i.test(match[3] ?? '')
      ? 'views'
      : 'shares';
    reach[kind] = Math.max(reach[kind] ?? 0, value);
  }
  return reach;
}

/** "12.4" + "K" → 12400; "1,204" → 1204; "1.204" → 1204 (thousands separator). */
export function parseCount(digits: string, suffix: string): number | null {
  const multiplier = /^(k|tsd\.?|thousand)$/i.test(suffix)
    ? 1_000
    : /^(m|mio\.?|million)$/i.test(suffix)
      ? 1_000_000
      : 1;
  let value: number;
  if (/^\d{1,3}(?:[.,\s]\d{3})+$/.test(digits) && multiplier === 1)
    value = Number(digits.replace(/[.,\s]/g, ''));
  else value = Number(digits.replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  return Math.round(value * multiplier);
}
