import { describe, expect, it } from 'vitest';
import { CHART, chartLayout, MAX_SERIES, markerPath, SERIES_STYLES } from './chart-geometry';

const series = (total: number, counts: number[], group = 'jews' as const) => ({
  theme: null,
  group,
  language: null,
  total,
  points: counts.map((count, i) => ({
    period: `2026-11-0${i + 1}`,
    count,
    baseline: null,
    spike: count > 5,
  })),
});

describe('series styles', () => {
  it('gives every drawn series its own dash pattern, marker shape and words', () => {
    expect(SERIES_STYLES).toHaveLength(MAX_SERIES);
    for (const key of ['dash', 'marker', 'words'] as const)
      expect(new Set(SERIES_STYLES.map((s) => s[key])).size).toBe(MAX_SERIES);
    const shapes = SERIES_STYLES.map((s) => markerPath(s.marker, 10, 10));
    expect(new Set(shapes).size).toBe(MAX_SERIES);
  });
});

describe('chartLayout', () => {
  it('scales counts to the plot: zero on the axis, the largest at the top', () => {
    const layout = chartLayout({
      periods: ['2026-11-01', '2026-11-02', '2026-11-03'],
      series: [series(9, [0, 1, 8])],
    });
    expect(layout.max).toBe(8);
    const [a, b, c] = layout.lines[0]!.points;
    expect(a).toMatchObject({ x: CHART.left, y: CHART.height - CHART.bottom, spike: false });
    expect(c).toMatchObject({ x: CHART.width - CHART.right, y: CHART.top, spike: true });
    expect(b!.x).toBe((a!.x + c!.x) / 2);
    expect(layout.yTicks.map((t) => t.value)).toEqual([0, 8]);
  });

  it('draws at most six series and says how many it left out', () => {
    const many = Array.from({ length: 8 }, (_, i) => series(8 - i, [8 - i]));
    const layout = chartLayout({ periods: ['2026-11-01'], series: many });
    expect(layout.lines).toHaveLength(MAX_SERIES);
    expect(layout.hidden).toBe(2);
    expect(layout.lines.map((l) => l.style.marker)).toEqual(SERIES_STYLES.map((s) => s.marker));
  });

  it('labels at most about six periods on the time axis', () => {
    const periods = Array.from(
      { length: 30 },
      (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`,
    );
    const layout = chartLayout({ periods, series: [] });
    expect(layout.xTicks.length).toBeLessThanOrEqual(6);
    expect(layout.xTicks[0]?.period).toBe('2026-11-01');
    expect(layout.max).toBe(1);
  });
});
