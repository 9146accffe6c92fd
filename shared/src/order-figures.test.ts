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
      reinstatements: 1,
      notExecutedByReason: {
        force_majeure: 0,
        de_facto_impossibility: 0,
        manifest_errors: 1,
        insufficient_information: 0,
      },
    });
  });
});
