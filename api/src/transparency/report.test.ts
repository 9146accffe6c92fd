import { emptyFigures, type TransparencySeries } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { seriesJson } from './report';

describe('seriesJson', () => {
  it('is the JSON.stringify of the series, with shared (frozen) figures reused', () => {
    const shared = Object.freeze(emptyFigures());
    const own = emptyFigures();
    own.decisions.byTerritory.DE = 2;
    const series: TransparencySeries = {
      checkpoint: { treeSize: 7, rootHash: 'AAAA' },
      bucket: 'day',
      points: [
        {
          period: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' },
          figures: shared,
        },
        {
          period: { from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' },
          figures: own,
        },
        {
          period: { from: '2026-01-03T00:00:00.000Z', to: '2026-01-04T00:00:00.000Z' },
          figures: shared,
        },
      ],
    };
    expect(seriesJson(series)).toBe(JSON.stringify(series));
    expect(seriesJson(series)).toBe(JSON.stringify(series)); // from the cache the second time
  });
});
