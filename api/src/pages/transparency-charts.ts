/** Small SVG bar charts built with DOM calls only (no markup strings, so nothing is parsed). */

const SVG = 'http://www.w3.org/2000/svg';

export interface BarPoint {
  label: string;
  value: number | null;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A titled bar chart of `points` (one bar per bucket; null is drawn as "no data"). Values are
 * written above the bars, so the chart reads without hovering.
 */
export function barChart(title: string, points: readonly BarPoint[], unit = ''): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const width = 360;
  const height = 150;
  const top = 18;
  const bottom = 22;
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = width / Math.max(1, points.length);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  chart.append(
    svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }),
  );
  points.forEach((point, i) => {
    const x = i * step + step * 0.15;
    const w = Math.max(1, step * 0.7);
    const value = point.value;
    const h = value === null ? 0 : ((height - top - bottom) * value) / max;
    const bar = svg('rect', {
      x,
      y: height - bottom - h,
      width: w,
      height: h,
      class: value === null ? 'bar empty' : 'bar',
    });
    bar.append(
      svg(
        'title',
        {},
        `${point.label}: ${value === null ? 'no data' : `${formatNumber(value)}${unit}`}`,
      ),
    );
    chart.append(bar);
    if (points.length <= 16 && value !== 0)
      chart.append(
        svg(
          'text',
          { x: x + w / 2, y: height - bottom - h - 4, class: 'value' },
          value === null ? '–' : formatNumber(value),
        ),
      );
    // At most about six labels, so they never overlap; the last bucket is always named.
    const every = Math.ceil(points.length / 6);
    if ((points.length - 1 - i) % every === 0)
      chart.append(svg('text', { x: x + w / 2, y: height - 6, class: 'label' }, point.label));
  });
  figure.append(caption, chart);
  return figure;
}

/** Integers as they are, other numbers with one decimal. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
