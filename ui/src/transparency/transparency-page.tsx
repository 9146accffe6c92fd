import { useCallback, useEffect, useMemo, useState } from 'react';
import { TransparencyReport } from '@counterweight/shared/transparency';
import { fetchLogClient } from '@counterweight/shared/transparency-audit';
import { TransparencySeries } from '@counterweight/shared/transparency-series';
import { FalseFlags } from './false-flags';
import { defaultPeriod } from './figure-format';
import { FiguresSection } from './figures-section';
import { LogBrowser } from './log-browser';
import { PeriodForm, type PeriodChoice } from './period-form';
import { VerifySection } from './verify-section';

/** Tells tests (and anyone watching) that the first report and log page are on screen. */
const markReady = () => {
  document.body.dataset.ready = 'true';
};

/**
 * `/transparency`: the report's figures and charts for a period (first decisions beside the
 * outcomes after appeal), the false-flag rates, the auditor's verification in this browser, and
 * the log's entries decoded from their hashed bytes. Everything comes from this server's public
 * endpoints, and everything the server says is shown as text.
 */
export function TransparencyPage() {
  const client = useMemo(() => fetchLogClient(location.origin), []);
  const initial = useMemo<PeriodChoice>(
    () => ({ ...defaultPeriod(new Date()), bucket: 'month' }),
    [],
  );
  const [report, setReport] = useState<TransparencyReport | null>(null);
  const [series, setSeries] = useState<TransparencySeries | null>(null);
  const [error, setError] = useState('');

  const show = useCallback(
    async ({ from, to, bucket }: PeriodChoice) => {
      const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      setError('');
      try {
        const shown = TransparencyReport.parse(
          await client.json(`/v1/transparency/report?${query}`),
        );
        const charted = TransparencySeries.parse(
          await client.json(
            `/v1/transparency/series?${query}&bucket=${encodeURIComponent(bucket)}`,
          ),
        );
        setReport(shown);
        setSeries(charted);
      } catch (e) {
        setError(`Could not load the report: ${e instanceof Error ? e.message : String(e)}`);
        markReady();
      }
    },
    [client],
  );
  useEffect(() => void show(initial), [show, initial]);

  return (
    <>
      <header>
        <h1>
          Counterweight <span className="muted">transparency</span>
        </h1>
        <p className="lede">
          Every step a report goes through is written to an append-only log that anyone can verify.
          Every figure below is computed from that log alone, and this page can check the log's
          signature, inclusion proofs and the figures themselves in your browser. You do not have to
          trust us.
        </p>
      </header>
      <main>
        <PeriodForm initial={initial} onShow={(c) => void show(c)} error={error} report={report} />
        <FiguresSection figures={report?.figures ?? null} series={series} />
        <FalseFlags />
        <VerifySection client={client} report={report} />
        {report && (
          <LogBrowser client={client} treeSize={report.checkpoint.treeSize} onShown={markReady} />
        )}
      </main>
    </>
  );
}
