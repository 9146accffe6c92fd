import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from './bar-chart';

describe('BarChart', () => {
  it('draws one bar per bucket, named for screen readers, with values and "no data"', () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Median hours"
        unit=" h"
        points={[
          { label: '01-01', value: 2.5 },
          { label: '01-02', value: null },
          { label: '01-03', value: 5 },
        ]}
      />,
    );
    expect(html).toContain('aria-label="Median hours"');
    expect(html.match(/<rect /g)).toHaveLength(3);
    expect(html).toContain('<title>01-01: 2.5 h</title>');
    expect(html).toContain('<title>01-02: no data</title>');
    // The tallest bar fills the chart's height between its margins.
    expect(html).toMatch(/<rect x="[\d.]+" y="18" width="[\d.]+" height="110" class="bar">/);
  });

  it('names at most about six buckets along the axis, the last always', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ label: `d${i}`, value: i }));
    const html = renderToStaticMarkup(<BarChart title="Decisions" points={points} />);
    const labels = [...html.matchAll(/class="label">(d\d+)</g)].map((m) => m[1]);
    expect(labels.length).toBeLessThanOrEqual(6);
    expect(labels.at(-1)).toBe('d29');
  });
});
