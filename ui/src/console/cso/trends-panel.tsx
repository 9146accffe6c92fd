import { useEffect, useState } from 'react';
import { Trends } from '@counterweight/shared/trends';
import { api } from '../../common/api-client';
import { failureText } from './failure-text';
import {
  DEFAULT_TREND_CONTROLS,
  trendsQuery,
  type TrendControls as Controls,
} from './target-queries';
import { TrendChart } from './trend-chart';
import { TrendControls } from './trend-controls';

/** Early warning: the trend chart of targets and its controls. */
export function TrendsPanel() {
  const [controls, setControls] = useState<Controls>(DEFAULT_TREND_CONTROLS);
  const [trends, setTrends] = useState<Trends | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    api(`/v1/targets/trends?${trendsQuery(controls)}`)
      .then((body) => current && setTrends(Trends.parse(body)))
      .catch((e) => current && setError(failureText(e)));
    return () => {
      current = false;
    };
  }, [controls]);

  return (
    <section className="card" aria-labelledby="trends-title">
      <h2 id="trends-title">Trends</h2>
      <p className="hint">
        Targets per day, week or month. A marked period exceeds the mean of the eight periods before
        it by more than three standard deviations and has at least the minimum count (one target
        after quiet periods is no spike): a warning sign worth a human look. Each series has its own
        line pattern and marker as well as its colour; the legend names both.
      </p>
      <TrendControls initial={DEFAULT_TREND_CONTROLS} onApply={(c) => setControls({ ...c })} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {trends ? <TrendChart trends={trends} /> : !error && <p className="hint">Loading…</p>}
    </section>
  );
}
