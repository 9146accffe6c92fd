import {
  ACTION_IDS,
  computeTransparencyFigures,
  LogEntry,
  logEntry,
  POLICY_CATEGORY_IDS,
  type ReportingPeriod,
} from '@counterweight/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FigureIndex, rankInSortedLists } from './figure-index';
import { splitPeriod } from './period';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const uuid = (n: number, tag: string) =>
  `00000000-0000-4000-8000-${tag}${n.toString(16).padStart(12 - tag.length, '0')}`;
const actors = ['p_aaaaaaaaaaaaaaaa', 'p_bbbbbbbbbbbbbbbb'] as const;

/** Steps of a random log: every kind of event the figures count, at random (even earlier) times. */
const arbStep = fc.record({
  kind: fc.constantFrom(
    'report',
    'decide',
    'appeal',
    'appealDecide',
    'purge',
    'statement',
    'reviewFile',
    'reviewDecide',
  ),
  report: fc.nat({ max: 7 }),
  hours: fc.integer({ min: -30, max: 24 * 12 }),
  minutes: fc.nat({ max: 59 }),
  category: fc.constantFrom(...POLICY_CATEGORY_IDS),
  action: fc.constantFrom(...ACTION_IDS),
  territories: fc.constantFrom<string[] | null>(null, [], ['DE'], ['FR', 'AT']),
  actor: fc.constantFrom(...actors),
  outcome: fc.constantFrom('upheld', 'reversed', 'modified'),
  automated: fc.boolean(),
});

type Step = typeof arbStep extends fc.Arbitrary<infer T> ? T : never;

function toLog(steps: Step[]): LogEntry[] {
  let appeals = 0;
  const openAppeal = new Map<number, number>();
  return steps.map((s, i) => {
    const at = new Date(T0 + s.hours * HOUR + s.minutes * 60_000 + i).toISOString();
    const reportId = uuid(s.report, 'c');
    switch (s.kind) {
      case 'report':
        return logEntry('report_received', at, {
          reportId,
          category: s.category,
          automatedDetection: s.automated,
        });
      case 'decide':
        return logEntry('decision_made', at, {
          reportId,
          actor: s.actor,
          category: s.category,
          tcoType: s.category === 'terrorist_content' ? 'threat' : null,
          action: s.action,
          ground: 'illegal_content',
          exemptionApplied: s.automated,
          exemptions: s.automated ? ['journalistic'] : [],
          automatedDetection: s.automated,
          details: {
            decisionId: uuid(i, 'd'),
            territorialScope: s.territories,
            ...(s.automated ? {} : { automatedDecision: 'not_automated' }),
          },
        });
      case 'appeal': {
        const appealId = uuid(++appeals, 'a');
        openAppeal.set(s.report, appeals);
        return logEntry('appeal_filed', at, {
          reportId,
          details: {
            appealId,
            decisionId: uuid(i, 'd'),
            appellant: s.automated ? 'reporter' : 'content_provider',
            dueAt: new Date(T0 + (s.hours + 48) * HOUR).toISOString(),
          },
        });
      }
      case 'appealDecide':
        return logEntry('appeal_decided', at, {
          reportId,
          actor: s.actor,
          action: s.action,
          details: {
            appealId: uuid(openAppeal.get(s.report) ?? 999, 'a'),
            outcome: s.outcome,
            previousAction: 'remove',
            reinstatement: false,
            territorialScope: s.action === 'disable_in_territory' ? s.territories : null,
          },
        });
      // Review proceedings on a removal order: an outcome ends its filing's pending count.
      case 'reviewFile':
      case 'reviewDecide': {
        const review = { orderId: uuid(1, 'f'), proceedingId: uuid(s.report, 'e') };
        if (s.kind === 'reviewFile')
          return logEntry('order_review_filed', at, {
            details: { ...review, broughtBy: s.automated ? 'hosting_service' : 'content_provider' },
          });
        const outcome = {
          upheld: 'order_upheld',
          reversed: 'order_annulled',
          modified: 'order_amended',
        };
        return logEntry('order_review_decided', at, {
          details: { ...review, outcome: outcome[s.outcome], reinstated: s.automated },
        });
      }
      case 'purge':
        return logEntry('content_purged', at, {
          reportId,
          details: { reason: 'retention_expired' },
        });
      default:
        return logEntry('statement_published', at, { reportId });
    }
  });
}

/** A period from random offsets: whole days, cut days and one-millisecond edges. */
const arbPeriod = fc
  .tuple(
    fc.integer({ min: -2 * 24, max: 14 * 24 }),
    fc.integer({ min: 1, max: 10 * 24 }),
    fc.constantFrom(0, 1, 59 * 60_000, 37),
  )
  .map(([startHours, hours, jitter]): ReportingPeriod => ({
    from: new Date(T0 + startHours * HOUR + jitter).toISOString(),
    to: new Date(T0 + (startHours + hours) * HOUR).toISOString(),
  }));

describe('FigureIndex', () => {
  it('gives exactly the figures of computeTransparencyFigures for any period', () => {
    fc.assert(
      fc.property(
        fc.array(arbStep, { maxLength: 120 }),
        fc.array(arbPeriod, { minLength: 1, maxLength: 5 }),
        (steps, periods) => {
          const log = toLog(steps).map((e) => LogEntry.parse(e));
          const index = new FigureIndex();
          for (const e of log) index.add(e);
          expect(index.size).toBe(log.length);
          for (const period of periods)
            expect(index.figures(period)).toEqual(computeTransparencyFigures(log, period));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers each bucket of a series as computeTransparencyFigures does, while the log grows', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 80 }), (steps) => {
        const log = toLog(steps);
        const index = new FigureIndex();
        const half = Math.floor(log.length / 2);
        const period = { from: '2026-02-27T06:00:00.000Z', to: '2026-03-14T00:00:00.000Z' };
        for (const [n, bucket] of [
          [half, 'day'],
          [log.length, 'week'],
        ] as const) {
          while (index.size < n) index.add(log[index.size]!);
          for (const p of splitPeriod(period, bucket))
            expect(index.figures(p)).toEqual(computeTransparencyFigures(log.slice(0, n), p));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('rankInSortedLists', () => {
  it('finds the k-th smallest of the union of sorted lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -1000, max: 1_000_000 }), { maxLength: 20 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(),
        (lists, pick) => {
          const sorted = lists.map((l) => [...l].sort((a, b) => a - b));
          const all = sorted.flat().sort((a, b) => a - b);
          fc.pre(all.length > 0);
          const k = pick % all.length;
          expect(rankInSortedLists(sorted, k)).toBe(all[k]);
        },
      ),
    );
  });
});
