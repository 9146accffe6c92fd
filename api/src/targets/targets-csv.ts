import type { Target } from '@counterweight/shared/target';

/**
 * A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return that precedes one) is prefixed with `'`, as OWASP advises against CSV injection.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: formula-neutralised, quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const sum = (values: (number | undefined)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

/** The columns of the export, each with how it is read from a target. */
const COLUMNS: [string, (t: Target) => string | number | null | undefined][] = [
  ['reference', (t) => t.reference],
  ['id', (t) => t.id],
  ['captured_at', (t) => t.capturedAt],
  ['status', (t) => t.status],
  ['theme', (t) => t.theme],
  ['targeted_group', (t) => t.group],
  ['language', (t) => t.language],
  ['platform', (t) => t.platform],
  ['url', (t) => t.url],
  ['excerpt', (t) => t.excerpt],
  ['excerpt_sha256', (t) => t.excerptSha256],
  ['views', (t) => t.reach.views],
  ['shares', (t) => t.reach.shares],
  ['assignee', (t) => t.claim?.assignee],
  ['counter_responses', (t) => t.responses.filter((r) => r.kind === 'counter').length],
  ['alternative_responses', (t) => t.responses.filter((r) => r.kind === 'alternative').length],
  ['response_urls', (t) => t.responses.map((r) => r.url).join(' ')],
  ['outcome_views', (t) => sum(t.outcomes.map((o) => o.figures.awareness.views))],
  ['outcome_reach', (t) => sum(t.outcomes.map((o) => o.figures.awareness.reach))],
  [
    'outcome_engagements',
    (t) => sum(t.outcomes.flatMap((o) => Object.values(o.figures.engagement))),
  ],
  [
    'outcome_constructive_replies',
    (t) => sum(t.outcomes.map((o) => o.figures.impact.constructiveReplies)),
  ],
  ['closed_reason', (t) => t.closure?.reason],
  ['closed_at', (t) => t.closure?.closedAt],
];

/** The header line of the export. */
export const CSV_HEADER = COLUMNS.map(([name]) => name).join(',') + '\r\n';

/** Targets as CSV rows (CRLF line ends), without the header. */
export function targetsToCsv(targets: readonly Target[]): string {
  return targets
    .map((t) => COLUMNS.map(([, read]) => csvField(read(t))).join(',') + '\r\n')
    .join('');
}
