import { useEffect, useState } from 'react';
import { FalseFlagRates } from '@counterweight/shared/feedback';

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);

/**
 * False-flag rates per model version, from the feedback reviewers choose to share
 * (`GET /v1/transparency/false-flags`). Not from the log, so not verifiable like the figures.
 */
export function FalseFlags() {
  const [rates, setRates] = useState<FalseFlagRates['models'] | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void (async () => {
      try {
        const response = await fetch('/v1/transparency/false-flags', { cache: 'no-store' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const { models } = FalseFlagRates.parse(await response.json());
        setRates(models);
        setStatus(models.length === 0 ? 'No reviewer has shared feedback yet.' : '');
      } catch (error) {
        setStatus(
          `Could not load the false-flag rates: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    })();
  }, []);
  return (
    <section className="card" id="false-flags" aria-labelledby="false-flags-title">
      <h2 id="false-flags-title">False flags per model version</h2>
      <p className="hint">
        Of the flags that reviewers who share feedback dismissed or confirmed, the share they
        dismissed. Daily counts the extension sends when a reviewer opts in: no text, address, site
        or person. Not from the log, so not verifiable like the figures above.
      </p>
      <table className="log">
        <thead>
          <tr>
            <th scope="col">model version</th>
            <th scope="col">dismissed</th>
            <th scope="col">confirmed</th>
            <th scope="col">false-flag rate</th>
            <th scope="col">days</th>
          </tr>
        </thead>
        <tbody>
          {rates?.map((m) => (
            <tr key={m.modelVersion}>
              <th scope="row">{m.modelVersion}</th>
              <td>{m.dismissed}</td>
              <td>{m.confirmed}</td>
              <td>{percent(m.falseFlagRate)}</td>
              <td>{m.firstDay === m.lastDay ? m.firstDay : `${m.firstDay} to ${m.lastDay}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="false-flags-status" className="hint" role="status">
        {status}
      </p>
    </section>
  );
}
