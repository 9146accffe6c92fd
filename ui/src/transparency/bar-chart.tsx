import { formatNumber } from './figure-format';

export interface BarPoint {
  label: string;
  value: number | null;
}

const WIDTH = 360;
const HEIGHT = 150;
const TOP = 18;
const BOTTOM = 22;

/**
 * A titled SVG bar chart, one bar per bucket (null is drawn as "no data"). Values are written
 * above the bars, so the chart reads without hovering; at most about six labels are named along
 * the axis (the last bucket always), so they never overlap.
 */
export function BarChart({
  title,
  points,
  unit = '',
}: {
  title: string;
  points: readonly BarPoint[];
  unit?: string;
}) {
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = WIDTH / Math.max(1, points.length);
  const every = Math.ceil(points.length / 6);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="axis" />
        {points.map((point, i) => {
          const x = i * step + step * 0.15;
          const w = Math.max(1, step * 0.7);
          const h = point.value === null ? 0 : ((HEIGHT - TOP - BOTTOM) * point.value) / max;
          const said = point.value === null ? 'no data' : `${formatNumber(point.value)}${unit}`;
          return (
            <g key={`${point.label}-${i}`}>
              <rect
                x={x}
                y={HEIGHT - BOTTOM - h}
                width={w}
                height={h}
                className={point.value === null ? 'bar empty' : 'bar'}
              >
                <title>{`${point.label}: ${said}`}</title>
              </rect>
              {points.length <= 16 && point.value !== 0 && (
                <text x={x + w / 2} y={HEIGHT - BOTTOM - h - 4} className="value">
                  {point.value === null ? '–' : formatNumber(point.value)}
                </text>
              )}
              {(points.length - 1 - i) % every === 0 && (
                <text x={x + w / 2} y={HEIGHT - 6} className="label">
                  {point.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
