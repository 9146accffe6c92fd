import type { TransparencyFigures } from '@counterweight/shared/transparency';
import type { TransparencySeries } from '@counterweight/shared/transparency-series';
import { AppealOutcomes } from './appeal-outcomes';
import { BarChart } from './bar-chart';
import { CountTable } from './count-table';
import { bucketLabel, durationText, hours, words } from './figure-format';
import { RemovalOrders } from './removal-orders';

function Headline({ f }: { f: TransparencyFigures }) {
  const rows: [string, string][] = [
    ['Reports received', String(f.reports.received)],
    ['Decisions', String(f.decisions.total)],
    ['Items actioned', String(f.decisions.actioned)],
    ['Removed or disabled', String(f.decisions.removedOrDisabled)],
    ['Art. 1(3) exemption applied', String(f.decisions.exemptionApplied)],
    ['Appeals received', String(f.appeals.received)],
    ['Appeals decided', String(f.appeals.decided)],
    ['Changed on appeal', String(f.afterAppeal.changedOnAppeal)],
    ['Reinstatements', String(f.reinstatements)],
    ['Appeals decided by the original decider', String(f.appeals.decidedByOriginalDecider)],
    ['Appeals decided late (over 14 days)', String(f.appeals.decidedLate)],
    ['Content purged (retention)', String(f.contentPurged)],
    ['Report to decision', durationText(f.timings.reportToDecision)],
    ['Appeal to outcome', durationText(f.timings.appealToOutcome)],
  ];
  return (
    <dl id="headline" className="headline">
      {rows.map(([term, value]) => (
        <div className="figure" key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Breakdown({ title, counts }: { title: string; counts: Record<string, number> }) {
  return (
    <CountTable
      caption={title}
      rows={Object.entries(counts).map(([key, value]): [string, number] => [words(key), value])}
    />
  );
}

function Charts({ series }: { series: TransparencySeries }) {
  const of = (pick: (f: TransparencyFigures) => number | null) =>
    series.points.map((p) => ({
      label: bucketLabel(series.bucket, p.period.from),
      value: pick(p.figures),
    }));
  return (
    <div id="charts" className="charts">
      <BarChart title="Decisions" points={of((f) => f.decisions.total)} />
      <BarChart title="Items actioned" points={of((f) => f.decisions.actioned)} />
      <BarChart
        title="Flagged by the classifier (decisions)"
        points={of((f) => f.decisions.byDetection.classifier)}
      />
      <BarChart title="Appeals received" points={of((f) => f.appeals.received)} />
      <BarChart title="Reinstatements" points={of((f) => f.reinstatements)} />
      <BarChart
        title="Median hours, report to decision"
        points={of((f) => hours(f.timings.reportToDecision.medianMs))}
        unit=" h"
      />
    </div>
  );
}

/**
 * The report's figures: headline numbers, charts over time, breakdowns, outcomes after appeal,
 * removal orders.
 */
export function FiguresSection({
  figures: f,
  series,
}: {
  figures: TransparencyFigures | null;
  series: TransparencySeries | null;
}) {
  return (
    <section className="card" aria-labelledby="figures-title">
      <h2 id="figures-title">Figures (TCO Art. 7, Santa Clara Principles)</h2>
      {f && <Headline f={f} />}
      {series && <Charts series={series} />}
      {f && (
        <div id="breakdowns" className="breakdowns">
          <Breakdown title="Decisions by category" counts={f.decisions.byCategory} />
          <Breakdown
            title="Terrorist content by TCO Art. 2(7) type"
            counts={f.decisions.byTcoType}
          />
          <Breakdown title="Decisions by action" counts={f.decisions.byAction} />
          <Breakdown title="Actioned items by territory" counts={f.decisions.byTerritory} />
          <Breakdown title="Decisions by ground" counts={f.decisions.byGround} />
          <Breakdown title="Decisions by detection source" counts={f.decisions.byDetection} />
          <Breakdown title="Decisions by automation" counts={f.decisions.byAutomation} />
          <Breakdown title="Art. 1(3) exemptions named" counts={f.decisions.byExemption} />
          <Breakdown title="Reports by detection source" counts={f.reports.byDetection} />
          <Breakdown title="Appeals by appellant" counts={f.appeals.byAppellant} />
          <Breakdown title="Appeal outcomes" counts={f.appeals.outcomes} />
        </div>
      )}
      {f && <AppealOutcomes figures={f} />}
      {f && <RemovalOrders figures={f} />}
    </section>
  );
}
