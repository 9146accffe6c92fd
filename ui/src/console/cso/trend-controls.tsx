import { useState, type FormEvent } from 'react';
import {
  TREND_DIMENSIONS,
  TREND_INTERVALS,
  type TrendDimension,
} from '@counterweight/shared/trends';
import type { TrendControls as Controls } from './target-queries';

const DIMENSION_NAMES: Record<TrendDimension, string> = {
  theme: 'theme',
  group: 'targeted group',
  language: 'language',
};

/** The trend chart's controls; `onApply` gets them when the form is sent. */
export function TrendControls({
  initial,
  onApply,
}: {
  initial: Controls;
  onApply: (controls: Controls) => void;
}) {
  const [controls, setControls] = useState(initial);
  const set = (patch: Partial<Controls>) => setControls((c) => ({ ...c, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(controls);
  };
  return (
    <form
      id="trend-controls"
      className="filters cso-filters"
      onSubmit={submit}
      aria-label="Trend controls"
    >
      <label htmlFor="trend-from">From</label>
      <input
        id="trend-from"
        name="from"
        type="date"
        value={controls.from}
        onChange={(e) => set({ from: e.target.value })}
      />
      <label htmlFor="trend-to">To</label>
      <input
        id="trend-to"
        name="to"
        type="date"
        value={controls.to}
        onChange={(e) => set({ to: e.target.value })}
      />
      <label htmlFor="trend-interval">Count per</label>
      <select
        id="trend-interval"
        name="interval"
        value={controls.interval}
        onChange={(e) => set({ interval: e.target.value as Controls['interval'] })}
      >
        {TREND_INTERVALS.map((i) => (
          <option key={i} value={i}>
            {i}
          </option>
        ))}
      </select>
      <fieldset className="inline">
        <legend>Series by</legend>
        {TREND_DIMENSIONS.map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              name="by"
              value={d}
              checked={controls.by.includes(d)}
              onChange={(e) =>
                set({
                  by: e.target.checked
                    ? TREND_DIMENSIONS.filter((x) => x === d || controls.by.includes(x))
                    : controls.by.filter((x) => x !== d),
                })
              }
            />{' '}
            {DIMENSION_NAMES[d]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="trend-min-count">Minimum spike count</label>
      <input
        id="trend-min-count"
        name="minCount"
        type="number"
        min={1}
        max={100_000}
        value={controls.minCount}
        onChange={(e) => set({ minCount: Number(e.target.value) })}
      />
      <button type="submit">Show trends</button>
    </form>
  );
}
