import type { FormEvent } from 'react';
import type { TransparencyReport } from '@counterweight/shared/transparency';
import type { SeriesBucket } from '@counterweight/shared/transparency-series';

export interface PeriodChoice {
  from: string;
  to: string;
  bucket: SeriesBucket;
}

/** The reporting period and chart bucket, and which checkpoint the figures were computed at. */
export function PeriodForm({
  initial,
  onShow,
  error,
  report,
}: {
  initial: PeriodChoice;
  onShow: (choice: PeriodChoice) => void;
  error: string;
  report: TransparencyReport | null;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onShow({
      from: String(data.get('from')),
      to: String(data.get('to')),
      bucket: String(data.get('bucket')) as SeriesBucket,
    });
  };
  return (
    <section className="card" aria-labelledby="period-title">
      <h2 id="period-title">Reporting period</h2>
      <form id="period" className="filters" onSubmit={submit}>
        <label>
          From <input name="from" type="date" required defaultValue={initial.from} />
        </label>
        <label>
          To (exclusive) <input name="to" type="date" required defaultValue={initial.to} />
        </label>
        <label>
          Charts by{' '}
          <select name="bucket" defaultValue={initial.bucket}>
            <option value="month">month</option>
            <option value="week">week</option>
            <option value="day">day</option>
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <p id="period-error" className="error" role="alert">
        {error}
      </p>
      <p id="checkpoint" className="hint">
        {report &&
          `Computed at the log checkpoint of tree size ${report.checkpoint.treeSize}, root ${report.checkpoint.rootHash}, on ${report.generatedAt}.`}
      </p>
    </section>
  );
}
