import type { Trends } from '@counterweight/shared/trends';
import { CHART, chartLayout, markerPath, type MarkerShape } from './chart-geometry';
import { periodName, seriesName } from './target-queries';

/** A marker: filled shapes, except the cross, which is stroked. */
function Marker({ shape, x, y }: { shape: MarkerShape; x: number; y: number }) {
  return (
    <path
      className={`marker marker-${shape}`}
      d={markerPath(shape, x, y)}
      fill={shape === 'cross' ? 'none' : undefined}
      strokeWidth={shape === 'cross' ? 2 : undefined}
    />
  );
}

/**
 * The trends as an SVG line chart: a line per series (the six largest), each with its own colour,
 * dash pattern and marker, spikes ringed and named in a title; then the legend (pattern, marker,
 * name and total in text) and the list of spikes.
 */
export function TrendChart({ trends }: { trends: Trends }) {
  const layout = chartLayout(trends);
  const unit = trends.interval;
  return (
    <>
      <div id="trend-chart" className="chart">
        <svg
          viewBox={`0 0 ${CHART.width} ${CHART.height}`}
          width="100%"
          className="trend-svg"
          role="img"
          aria-label={`Targets per ${unit} by series: ${layout.lines.length} series, ${trends.spikes.length} spikes`}
        >
          <line
            className="axis"
            x1={CHART.left}
            y1={layout.baseline}
            x2={CHART.width - CHART.right}
            y2={layout.baseline}
          />
          {layout.yTicks.map((t) => (
            <text key={t.value} className="tick" x={CHART.left - 6} y={t.y + 4} textAnchor="end">
              {t.value}
            </text>
          ))}
          {layout.xTicks.map((t) => (
            <text key={t.period} className="tick" x={t.x} y={CHART.height - 8} textAnchor="middle">
              {unit === 'month' ? t.period.slice(0, 7) : t.period.slice(5)}
            </text>
          ))}
          {layout.lines.map((line, k) => (
            <g key={seriesName(line.series)} className={`series-color-${k}`}>
              <polyline
                className="series"
                data-series={k}
                points={line.points.map((p) => `${p.x},${p.y}`).join(' ')}
                fill="none"
                strokeWidth={2}
                strokeDasharray={line.style.dash || undefined}
              />
              {line.points.map((p) => (
                <Marker key={p.period} shape={line.style.marker} x={p.x} y={p.y} />
              ))}
              {line.points
                .filter((p) => p.spike)
                .map((p) => (
                  <circle
                    key={`spike-${p.period}`}
                    className="spike-mark"
                    data-period={p.period}
                    cx={p.x}
                    cy={p.y}
                    r={7}
                  >
                    <title>
                      {`Spike: ${seriesName(line.series)}, ${periodName(unit, p.period)}: ${p.count}`}
                    </title>
                  </circle>
                ))}
            </g>
          ))}
        </svg>
      </div>
      <ul id="trend-legend" className="legend">
        {layout.lines.map((line, k) => (
          <li key={seriesName(line.series)} data-marker={line.style.marker}>
            <svg
              className={`sample series-color-${k}`}
              viewBox="0 0 36 12"
              width="36"
              height="12"
              aria-hidden="true"
            >
              <line
                x1={0}
                y1={6}
                x2={36}
                y2={6}
                strokeWidth={2}
                strokeDasharray={line.style.dash || undefined}
              />
              <Marker shape={line.style.marker} x={18} y={6} />
            </svg>
            <span className="series-name">{`${seriesName(line.series)} (${line.series.total})`}</span>{' '}
            <span className="pattern">{line.style.words}</span>
          </li>
        ))}
      </ul>
      {layout.hidden > 0 && (
        <p className="hint">
          {layout.hidden} smaller series not drawn: narrow the grouping or filter to see them.
        </p>
      )}
      <h3>Spikes</h3>
      <ul id="spikes" className="spikes">
        {trends.spikes.length ? (
          trends.spikes.map((s) => (
            <li key={`${s.period}|${seriesName(s)}`} className="spike">
              {`${periodName(unit, s.period)}: ${seriesName(s)}: ${s.count} targets`}
            </li>
          ))
        ) : (
          <li className="none">
            {`No spikes in these ${unit}s (at least ${trends.minCount} targets and 3σ above the baseline).`}
          </li>
        )}
      </ul>
    </>
  );
}
