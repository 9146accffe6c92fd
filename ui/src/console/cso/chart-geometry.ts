import type { Trends } from '@counterweight/shared/trends';

/** How many series the chart draws (the largest); the legend says how many were left out. */
export const MAX_SERIES = 6;

/** The marker shapes; each series also has its own line pattern and colour. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'bar';

/**
 * Series k's look: a dash pattern and a marker shape besides its colour (a CSS class, so that
 * dark mode has its own palette), and the two in words for the legend, so series are told apart
 * without colour too.
 */
export const SERIES_STYLES: readonly { dash: string; marker: MarkerShape; words: string }[] = [
  { dash: '', marker: 'circle', words: 'solid line, circles' },
  { dash: '8 4', marker: 'square', words: 'dashed line, squares' },
  { dash: '2 3', marker: 'triangle', words: 'dotted line, triangles' },
  { dash: '10 3 2 3', marker: 'diamond', words: 'dash-dot line, diamonds' },
  { dash: '4 4', marker: 'cross', words: 'short dashes, crosses' },
  { dash: '1 5', marker: 'bar', words: 'sparse dots, bars' },
];

export const CHART = { width: 720, height: 240, left: 36, right: 12, top: 12, bottom: 28 };

export interface PlottedPoint {
  x: number;
  y: number;
  period: string;
  count: number;
  spike: boolean;
}

/** Where everything of the chart goes, in the SVG's user units; pure, so it is unit-tested. */
export function chartLayout(trends: Pick<Trends, 'periods' | 'series'>) {
  const series = trends.series.slice(0, MAX_SERIES);
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.count)));
  const n = trends.periods.length;
  const x = (i: number) =>
    CHART.left + (n <= 1 ? 0 : (i * (CHART.width - CHART.left - CHART.right)) / (n - 1));
  const y = (v: number) =>
    CHART.height - CHART.bottom - (v * (CHART.height - CHART.top - CHART.bottom)) / max;
  const every = Math.max(1, Math.ceil(n / 6));
  return {
    max,
    baseline: y(0),
    yTicks: [0, max].map((v) => ({ value: v, y: y(v) })),
    xTicks: trends.periods
      .map((period, i) => ({ period, x: x(i) }))
      .filter((_, i) => i % every === 0),
    lines: series.map((s, k) => ({
      series: s,
      style: SERIES_STYLES[k % SERIES_STYLES.length]!,
      points: s.points.map((p, i): PlottedPoint => ({
        x: x(i),
        y: y(p.count),
        period: p.period,
        count: p.count,
        spike: p.spike,
      })),
    })),
    hidden: Math.max(0, trends.series.length - MAX_SERIES),
  };
}

/** The points of an SVG polygon or path for a marker of `shape` centred on (cx, cy). */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r = 3.5): string {
  switch (shape) {
    case 'square':
      return `M${cx - r},${cy - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${cx},${cy - r}L${cx + r},${cy + r}L${cx - r},${cy + r}Z`;
    case 'diamond':
      return `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`;
    case 'cross':
      return `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`;
    case 'bar':
      return `M${cx - 1.5},${cy - r}h3v${2 * r}h-3Z`;
    default:
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  }
}
