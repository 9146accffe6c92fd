import type { TransparencyFigures } from '@counterweight/shared/transparency';
import { CountTable } from './count-table';
import { words } from './figure-format';

/**
 * TCO Art. 7 for removal orders: orders received and how they were answered, complaints (Art. 10)
 * and review proceedings (Art. 9) with their outcomes, and reinstatements after each.
 */
export function RemovalOrders({ figures }: { figures: TransparencyFigures }) {
  const o = figures.orders;
  const review = o.reviewProceedings;
  return (
    <section id="removal-orders" aria-labelledby="removal-orders-title">
      <h3 id="removal-orders-title">Removal orders (TCO Regulation)</h3>
      <div className="breakdowns">
        <CountTable
          id="orders-answered"
          caption="Orders and how they were answered"
          rows={[
            ['received', o.received],
            ['executed within the hour', o.executedWithinHour],
            ['executed late', o.executedLate],
            ['not executed', o.notExecuted],
            ...Object.entries(o.notExecutedByReason).map(([reason, n]): [string, number] => [
              `not executed: ${words(reason)}`,
              n,
            ]),
          ]}
        />
        <CountTable
          id="orders-complaints"
          caption="Complaints of content providers (Art. 10)"
          rows={[
            ['received', o.complaints.received],
            ['upheld', o.complaints.upheld],
            ['reversed', o.complaints.reversed],
          ]}
        />
        <CountTable
          id="orders-review-proceedings"
          caption="Review proceedings (Art. 9)"
          rows={[
            ['filed', review.filed],
            ...Object.entries(review.byBroughtBy).map(([by, n]): [string, number] => [
              `brought by the ${words(by)}`,
              n,
            ]),
            ...Object.entries(review.decided).map(([outcome, n]): [string, number] => [
              words(outcome),
              n,
            ]),
            ['pending', review.pending],
          ]}
        />
        <CountTable
          id="orders-reinstatements"
          caption="Content reinstated"
          rows={[
            ['after complaints', o.reinstatementsAfterComplaints],
            ['after review proceedings', o.reinstatementsAfterReviewProceedings],
            ['in all', o.reinstatements],
          ]}
        />
      </div>
    </section>
  );
}
