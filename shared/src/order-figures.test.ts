import { describe, expect, it } from 'vitest';
import { logEntry } from './log-entry';
import { computeTransparencyFigures } from './transparency';

const PERIOD = { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
const at = '2026-12-07T10:00:00.000Z';
const received = (orderId: string, memberState: string) =>
  logEntry('order_received', at, { details: { orderId, memberState, confidential: false } });
const decided = (orderId: string, details: Record<string, string | boolean | null>) =>
  logEntry('order_decided', at, { details: { orderId, memberState: 'DE', ...details } });

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const complaint = (
  type: 'appeal_filed' | 'appeal_decided',
  orderId: string,
  details: Record<string, string>,
) =>
  logEntry(type, at, { details: { appealId: orderId, decisionId: orderId, orderId, ...details } });

describe('the Art. 7 order figures', () => {
  it('counts orders per Member State, how each was answered, complaints and reinstatements, from the log alone', () => {
    const figures = computeTransparencyFigures(
      [
        received('a', 'DE'),
        received('b', 'DE'),
        received('c', 'FR'),
        received('d', 'FR'),
        decided('a', { outcome: 'removed', inTime: true, annexIIIReason: null }),
        decided('b', { outcome: 'disabled', inTime: false, annexIIIReason: null }),
        decided('c', { outcome: 'not_executed', inTime: null, annexIIIReason: 'manifest_errors' }),
        complaint('appeal_filed', A, {}),
        complaint('appeal_decided', A, { outcome: 'reversed', previousAction: 'remove' }),
        complaint('appeal_filed', B, {}),
        complaint('appeal_decided', B, { outcome: 'upheld', previousAction: 'disable' }),
        // An appeal on a report's decision is not a complaint on an order.
        logEntry('appeal_filed', at, { details: { appealId: A, decisionId: A } }),
        logEntry('content_preserved', at, {
          details: { preservedUntil: '2027-06-07T10:00:00.000Z' },
        }),
      ],
      PERIOD,
    );
    expect(figures.orders).toEqual({
      received: 4,
      byMemberState: { DE: 2, FR: 2 },
      executedWithinHour: 1,
      executedLate: 1,
      notExecuted: 1,
      preservedItems: 1,
      complaints: { received: 2, upheld: 1, reversed: 1 },
      reviewProceedings: {
        filed: 0,
        byBroughtBy: { hosting_service: 0, content_provider: 0 },
        decided: { order_upheld: 0, order_annulled: 0, order_amended: 0 },
        pending: 0,
      },
      reinstatements: 1,
      reinstatementsAfterComplaints: 1,
      reinstatementsAfterReviewProceedings: 0,
      notExecutedByReason: {
        force_majeure: 0,
        de_facto_impossibility: 0,
        manifest_errors: 1,
        insufficient_information: 0,
      },
    });
  });

  describe('review proceedings (Art. 9)', () => {
    const P1 = '00000000-0000-4000-8000-0000000000c1';
    const P2 = '00000000-0000-4000-8000-0000000000c2';
    const P3 = '00000000-0000-4000-8000-0000000000c3';
    const filed = (when: string, proceedingId: string, broughtBy: string) =>
      logEntry('order_review_filed', when, {
        details: { orderId: A, proceedingId, memberState: 'DE', broughtBy, body: 'court' },
      });
    const reviewed = (when: string, proceedingId: string, outcome: string, reinstated: boolean) =>
      logEntry('order_review_decided', when, {
        details: { orderId: A, proceedingId, memberState: 'DE', outcome, reinstated },
      });
    const entries = [
      filed('2026-11-20T10:00:00.000Z', P1, 'content_provider'),
      filed(at, P2, 'hosting_service'),
      filed(at, P3, 'content_provider'),
      reviewed(at, P1, 'order_annulled', true),
      reviewed('2027-01-02T10:00:00.000Z', P2, 'order_upheld', false),
      complaint('appeal_decided', B, { outcome: 'reversed', previousAction: 'remove' }),
    ];

    it('counts filings, outcomes and reinstatements after each path in the period of each entry', () => {
      const orders = computeTransparencyFigures(entries, PERIOD).orders;
      expect(orders.reviewProceedings).toEqual({
        filed: 2,
        byBroughtBy: { hosting_service: 1, content_provider: 1 },
        decided: { order_upheld: 0, order_annulled: 1, order_amended: 0 },
        // P2 is decided after the period but within the log: no longer pending; P3 is.
        pending: 1,
      });
      expect(orders.reinstatements).toBe(2);
      expect(orders.reinstatementsAfterComplaints).toBe(1);
      expect(orders.reinstatementsAfterReviewProceedings).toBe(1);
    });

    it('takes a decided proceeding out of the pending count of the period it was filed in', () => {
      const november = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
      const before = computeTransparencyFigures(entries.slice(0, 1), november).orders;
      expect(before.reviewProceedings.pending).toBe(1);
      const after = computeTransparencyFigures(entries, november).orders;
      expect(after.reviewProceedings).toMatchObject({ filed: 1, pending: 0 });
      expect(after.reviewProceedings.decided.order_annulled).toBe(0);
    });

    it('ends a pending count once; no reinstatement for an upheld order, nothing for a malformed entry', () => {
      const orders = computeTransparencyFigures(
        [
          filed(at, P1, 'hosting_service'),
          reviewed(at, P1, 'order_upheld', true),
          reviewed(at, P1, 'order_upheld', false),
          reviewed(at, P2, 'order_quashed', true),
          logEntry('order_review_filed', at, { details: { proceedingId: P3 } }),
        ],
        PERIOD,
      ).orders;
      expect(orders.reviewProceedings).toMatchObject({
        filed: 1,
        pending: 0,
        decided: { order_upheld: 2, order_annulled: 0, order_amended: 0 },
      });
      expect(orders.reinstatements).toBe(0);
      expect(orders.reinstatementsAfterReviewProceedings).toBe(0);
    });
  });
});
