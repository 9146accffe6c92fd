import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogEntry, logEntry } from './log-entry';
import { ACTION_IDS, POLICY_CATEGORY_IDS, type Action } from './taxonomy';
import {
  compareFigures,
  computeTransparencyFigures,
  emptyFigures,
  nearestRank,
  TransparencyFigures,
  type ReportingPeriod,
} from './transparency';

const R1 = '00000000-0000-4000-8000-000000000001';
const R2 = '00000000-0000-4000-8000-000000000002';
const R3 = '00000000-0000-4000-8000-000000000003';
const D1 = '00000000-0000-4000-8000-0000000000d1';
const D2 = '00000000-0000-4000-8000-0000000000d2';
const D3 = '00000000-0000-4000-8000-0000000000d3';
const A1 = '00000000-0000-4000-8000-0000000000a1';
const A2 = '00000000-0000-4000-8000-0000000000a2';
const ALICE = 'p_aaaaaaaaaaaaaaaa';
const BOB = 'p_bbbbbbbbbbbbbbbb';

const base: LogEntry = logEntry('report_received', '2026-01-01T00:00:00Z');
const entry = (e: Partial<LogEntry>): LogEntry => LogEntry.parse({ ...base, ...e });
const hours = (h: number) => h * 3600_000;

/** Three reports, three decisions, two appeals (one reversed, one upheld late), one purge. */
const log: LogEntry[] = [
  // Before the period: only used to pair later events.
  entry({
    type: 'report_received',
    at: '2025-12-31T20:00:00Z',
    reportId: R1,
    category: 'terrorist_content',
    tcoType: 'incitement',
    automatedDetection: true,
  }),
  entry({
    type: 'report_received',
    at: '2026-01-01T00:00:00Z',
    reportId: R2,
    category: 'hate_speech',
    automatedDetection: false,
  }),
  entry({
    type: 'decision_made',
    at: '2026-01-01T02:00:00Z',
    reportId: R1,
    actor: ALICE,
    category: 'terrorist_content',
    tcoType: 'incitement',
    action: 'remove',
    ground: 'illegal_content',
    exemptionApplied: false,
    exemptions: [],
    automatedDetection: true,
    details: { decisionId: D1, territorialScope: null, automatedDecision: 'not_automated' },
  }),
  entry({
    type: 'report_received',
    at: '2026-01-02T00:00:00Z',
    reportId: R3,
    category: 'violent_extremism',
    automatedDetection: true,
  }),
  entry({
    type: 'decision_made',
    at: '2026-01-02T06:00:00Z',
    reportId: R2,
    actor: ALICE,
    category: 'hate_speech',
    action: 'disable_in_territory',
    ground: 'illegal_content',
    exemptionApplied: false,
    exemptions: [],
    automatedDetection: false,
    details: { decisionId: D2, territorialScope: ['DE', 'AT'], automatedDecision: 'not_automated' },
  }),
  entry({
    type: 'decision_made',
    at: '2026-01-03T00:00:00Z',
    reportId: R3,
    actor: BOB,
    category: 'violent_extremism',
    action: 'label',
    ground: 'incompatible_content',
    exemptionApplied: true,
    exemptions: ['journalistic', 'public_debate'],
    automatedDetection: true,
    details: { decisionId: D3 },
  }),
  entry({
    type: 'appeal_filed',
    at: '2026-01-04T00:00:00Z',
    reportId: R1,
    details: {
      appealId: A1,
      decisionId: D1,
      appellant: 'content_provider',
      dueAt: '2026-01-18T00:00:00Z',
    },
  }),
  entry({
    type: 'appeal_filed',
    at: '2026-01-05T00:00:00Z',
    reportId: R3,
    details: { appealId: A2, decisionId: D3, appellant: 'reporter', dueAt: '2026-01-19T00:00:00Z' },
  }),
  entry({
    type: 'appeal_decided',
    at: '2026-01-06T00:00:00Z',
    reportId: R1,
    actor: BOB,
    action: 'no_action',
    details: { appealId: A1, outcome: 'reversed', previousAction: 'remove', reinstatement: true },
  }),
  // Decided by the same person who decided R3, and late.
  entry({
    type: 'appeal_decided',
    at: '2026-01-25T00:00:00Z',
    reportId: R3,
    actor: BOB,
    action: 'label',
    details: { appealId: A2, outcome: 'upheld', previousAction: 'label', reinstatement: false },
  }),
  entry({
    type: 'content_purged',
    at: '2026-01-26T00:00:00Z',
    reportId: R2,
    details: { reason: 'retention_expired' },
  }),
  // The grounds of a complaint on a removal order: purged, but not report content.
  entry({
    type: 'content_purged',
    at: '2026-01-27T00:00:00Z',
    caseNumber: 'BKA-TCO-1',
    details: {
      reason: 'retention_expired',
      purged: 'complaint_grounds',
      orderId: '00000000-0000-4000-8000-0000000000e1',
      appealId: '00000000-0000-4000-8000-0000000000a9',
    },
  }),
  // After the period.
  entry({
    type: 'report_received',
    at: '2026-02-01T00:00:00Z',
    reportId: '00000000-0000-4000-8000-000000000004',
    category: 'hate_speech',
    automatedDetection: false,
  }),
];
const january: ReportingPeriod = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

describe('computeTransparencyFigures', () => {
  it('computes every figure of a hand-checked log', () => {
    const f = computeTransparencyFigures(log, january);
    expect(TransparencyFigures.parse(f)).toEqual(f);
    expect(f.reports).toEqual({
      received: 2,
      byCategory: { terrorist_content: 0, violent_extremism: 1, hate_speech: 1 },
      byDetection: { classifier: 1, person: 1 },
    });
    expect(f.decisions).toEqual({
      total: 3,
      actioned: 3,
      removedOrDisabled: 2,
      byCategory: { terrorist_content: 1, violent_extremism: 1, hate_speech: 1 },
      byTcoType: { incitement: 1, solicitation: 0, participation: 0, instruction: 0, threat: 0 },
      byAction: {
        no_action: 0,
        label: 1,
        demote: 0,
        restrict_interaction: 0,
        age_restrict: 0,
        disable_in_territory: 1,
        remove: 1,
      },
      byTerritory: { worldwide: 2, DE: 1, AT: 1 },
      byGround: { illegal_content: 2, incompatible_content: 1 },
      byDetection: { classifier: 2, person: 1 },
      byAutomation: { fully: 0, partially: 0, not_automated: 2, not_stated: 1 },
      exemptionApplied: 1,
      byExemption: {
        journalistic: 1,
        educational: 0,
        research: 0,
        artistic: 0,
        countering_terrorism: 0,
        public_debate: 1,
      },
    });
    expect(f.appeals).toEqual({
      received: 2,
      byAppellant: { content_provider: 1, reporter: 1 },
      decided: 2,
      outcomes: { upheld: 1, reversed: 1, modified: 0 },
      decidedByOriginalDecider: 1,
      decidedLate: 1,
    });
    // D1's removal was reversed: no restriction after appeal; D3's label was upheld.
    expect(f.afterAppeal).toEqual({
      byAction: {
        no_action: 1,
        label: 1,
        demote: 0,
        restrict_interaction: 0,
        age_restrict: 0,
        disable_in_territory: 1,
        remove: 0,
      },
      byTerritory: { worldwide: 1, DE: 1, AT: 1 },
      changedOnAppeal: 1,
    });
    expect(f.reinstatements).toBe(1);
    expect(f.contentPurged).toBe(1); // R2's content, not the complaint's grounds
    // Report-to-decision: R1 6 h (report before the period), R2 30 h, R3 24 h.
    expect(f.timings.reportToDecision).toEqual({ count: 3, medianMs: hours(24), p90Ms: hours(30) });
    // Appeal-to-outcome: A1 2 days, A2 20 days.
    expect(f.timings.appealToOutcome).toEqual({ count: 2, medianMs: hours(48), p90Ms: hours(480) });
  });

  it('counts nothing outside the period, and treats to as exclusive', () => {
    expect(
      computeTransparencyFigures(log, { from: '2027-01-01T00:00:00Z', to: '2027-02-01T00:00:00Z' }),
    ).toEqual(emptyFigures());
    const f = computeTransparencyFigures(log, {
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-02T00:00:00Z',
    });
    expect(f.reports.received).toBe(1); // R2 at exactly `from`; R3 at exactly `to` is left out
    expect(f.decisions.total).toBe(1);
  });

  it('does not count reversing a no action decision as a reinstatement', () => {
    const f = computeTransparencyFigures(
      [
        entry({
          type: 'decision_made',
          at: '2026-01-01T00:00:00Z',
          reportId: R1,
          actor: ALICE,
          action: 'no_action',
          details: { decisionId: D1 },
        }),
        entry({
          type: 'appeal_decided',
          at: '2026-01-02T00:00:00Z',
          reportId: R1,
          actor: BOB,
          action: 'remove',
          details: {
            appealId: A1,
            outcome: 'reversed',
            previousAction: 'no_action',
            reinstatement: false,
          },
        }),
      ],
      january,
    );
    expect(f.appeals.outcomes.reversed).toBe(1);
    expect(f.reinstatements).toBe(0);
    expect(f.decisions.actioned).toBe(0);
    expect(f.decisions.byTerritory).toEqual({});
  });

  it('takes the previous action from the log chain, not from what the writer claimed', () => {
    const f = computeTransparencyFigures(
      [
        entry({
          type: 'decision_made',
          at: '2026-01-01T00:00:00Z',
          reportId: R1,
          actor: ALICE,
          action: 'remove',
          details: { decisionId: D1 },
        }),
        entry({
          type: 'appeal_decided',
          at: '2026-01-02T00:00:00Z',
          reportId: R1,
          actor: BOB,
          action: 'no_action',
          details: {
            appealId: A1,
            outcome: 'reversed',
            previousAction: 'no_action',
            reinstatement: false,
          },
        }),
      ],
      january,
    );
    expect(f.reinstatements).toBe(1);
  });
});

describe('outcomes after appeal', () => {
  const removal = entry({
    type: 'decision_made',
    at: '2026-01-01T00:00:00Z',
    reportId: R1,
    actor: ALICE,
    action: 'remove',
    details: { decisionId: D1, territorialScope: null },
  });
  const appealDecided = (
    at: string,
    outcome: 'upheld' | 'reversed' | 'modified',
    action: Action,
    territorialScope: string[] | null = null,
  ) =>
    entry({
      type: 'appeal_decided',
      at,
      reportId: R1,
      actor: BOB,
      action,
      details: {
        appealId: A1,
        decisionId: D1,
        outcome,
        previousAction: 'remove',
        reinstatement: outcome === 'reversed',
        territorialScope,
      },
    });

  it('counts a reversed removal as remove, worldwide first and as no restriction after appeal', () => {
    const f = computeTransparencyFigures(
      [removal, appealDecided('2026-01-05T00:00:00Z', 'reversed', 'no_action')],
      january,
    );
    expect(f.decisions.byAction.remove).toBe(1);
    expect(f.decisions.byTerritory).toEqual({ worldwide: 1 });
    expect(f.afterAppeal.byAction.remove).toBe(0);
    expect(f.afterAppeal.byAction.no_action).toBe(1);
    expect(f.afterAppeal.byTerritory).toEqual({});
    expect(f.afterAppeal.changedOnAppeal).toBe(1);
  });

  it('moves a modified decision to its new action and territories', () => {
    const f = computeTransparencyFigures(
      [removal, appealDecided('2026-01-05T00:00:00Z', 'modified', 'disable_in_territory', ['FR'])],
      january,
    );
    expect(f.decisions.byTerritory).toEqual({ worldwide: 1 });
    expect(f.afterAppeal.byAction.remove).toBe(0);
    expect(f.afterAppeal.byAction.disable_in_territory).toBe(1);
    expect(f.afterAppeal.byTerritory).toEqual({ FR: 1 });
    expect(f.afterAppeal.changedOnAppeal).toBe(1);
  });

  it('keeps an upheld decision, territories included, though the entry names none', () => {
    const scoped = entry({
      ...removal,
      action: 'disable_in_territory',
      details: { decisionId: D1, territorialScope: ['DE'] },
    });
    const f = computeTransparencyFigures(
      [scoped, appealDecided('2026-01-05T00:00:00Z', 'upheld', 'disable_in_territory')],
      january,
    );
    expect(f.afterAppeal.byTerritory).toEqual({ DE: 1 });
    expect(f.afterAppeal.changedOnAppeal).toBe(0);
  });

  it('counts the outcome at the decision time, with appeals decided after the period', () => {
    const log = [removal, appealDecided('2026-03-01T00:00:00Z', 'reversed', 'no_action')];
    const f = computeTransparencyFigures(log, january);
    expect(f.afterAppeal.byAction.no_action).toBe(1);
    const march = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    expect(computeTransparencyFigures(log, march).afterAppeal).toEqual(emptyFigures().afterAppeal);
    // Before the appeal was logged, the removal stood.
    expect(computeTransparencyFigures([removal], january).afterAppeal.byAction.remove).toBe(1);
  });

  it('does not count a decision changed back by a later appeal as changed', () => {
    const f = computeTransparencyFigures(
      [
        removal,
        appealDecided('2026-01-05T00:00:00Z', 'reversed', 'no_action'),
        appealDecided('2026-01-09T00:00:00Z', 'modified', 'remove'),
      ],
      january,
    );
    expect(f.afterAppeal.byAction.remove).toBe(1);
    expect(f.afterAppeal.byTerritory).toEqual({ worldwide: 1 });
    expect(f.afterAppeal.changedOnAppeal).toBe(0);
  });

  it('moves nothing for a complaint on a removal order, which decides no logged decision', () => {
    const f = computeTransparencyFigures(
      [
        removal,
        {
          ...appealDecided('2026-01-05T00:00:00Z', 'reversed', 'no_action'),
          reportId: null,
          details: {
            appealId: A1,
            decisionId: D2,
            orderId: D2,
            outcome: 'reversed',
            previousAction: 'remove',
            reinstatement: true,
            territorialScope: null,
          },
        },
      ],
      january,
    );
    expect(f.afterAppeal.byAction.remove).toBe(1);
  });
});

describe('nearestRank', () => {
  it('matches hand-computed ranks', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([4, 1, 3, 2], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('compareFigures', () => {
  it('names each differing leaf by path', () => {
    const a = emptyFigures();
    const b = emptyFigures();
    b.decisions.byAction.remove = 2;
    b.decisions.byTerritory.DE = 1;
    expect(compareFigures(a, a)).toEqual([]);
    expect(compareFigures(a, b)).toEqual([
      { path: 'decisions.byAction.remove', published: 0, recomputed: 2 },
      { path: 'decisions.byTerritory.DE', published: undefined, recomputed: 1 },
    ]);
  });
});

const arbDecisionLog = fc.array(
  fc.record({
    minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
    category: fc.constantFrom(...POLICY_CATEGORY_IDS),
    action: fc.constantFrom(...ACTION_IDS),
    classifier: fc.boolean(),
    delayMinutes: fc.integer({ min: 0, max: 10_000 }),
  }),
  { maxLength: 60 },
);

/** A log of report/decision pairs in time order, the report `delayMinutes` before its decision. */
function toLog(
  items: {
    minute: number;
    category: (typeof POLICY_CATEGORY_IDS)[number];
    action: Action;
    classifier: boolean;
    delayMinutes: number;
  }[],
): LogEntry[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const events = items.flatMap((item, i) => {
    const reportId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const decidedAt = start + item.minute * 60_000;
    const common = {
      reportId,
      category: item.category,
      tcoType: item.category === 'terrorist_content' ? ('threat' as const) : null,
      automatedDetection: item.classifier,
    };
    return [
      {
        t: decidedAt - item.delayMinutes * 60_000,
        e: { ...common, type: 'report_received' as const },
      },
      {
        t: decidedAt,
        e: {
          ...common,
          type: 'decision_made' as const,
          action: item.action,
          actor: ALICE,
          details: { decisionId: reportId },
        },
      },
    ];
  });
  events.sort((a, b) => a.t - b.t);
  return events.map(({ t, e }) => entry({ ...e, at: new Date(t).toISOString() }));
}

describe('computeTransparencyFigures (properties)', () => {
  it('splitting a period in two adds up to the whole, count for count', () => {
    fc.assert(
      fc.property(arbDecisionLog, fc.integer({ min: 1, max: 59 }), (items, splitDay) => {
        const log = toLog(items);
        const mid = new Date(
          Date.parse('2026-01-01T00:00:00Z') + splitDay * 86_400_000,
        ).toISOString();
        const whole = computeTransparencyFigures(log, {
          from: '2025-12-01T00:00:00Z',
          to: '2026-04-01T00:00:00Z',
        });
        const a = computeTransparencyFigures(log, { from: '2025-12-01T00:00:00Z', to: mid });
        const b = computeTransparencyFigures(log, { from: mid, to: '2026-04-01T00:00:00Z' });
        expect(a.decisions.total + b.decisions.total).toBe(whole.decisions.total);
        expect(a.reports.received + b.reports.received).toBe(whole.reports.received);
        for (const action of ACTION_IDS)
          expect(a.decisions.byAction[action] + b.decisions.byAction[action]).toBe(
            whole.decisions.byAction[action],
          );
        expect(a.timings.reportToDecision.count + b.timings.reportToDecision.count).toBe(
          whole.timings.reportToDecision.count,
        );
      }),
    );
  });

  it('every breakdown sums to its total, and median <= p90', () => {
    fc.assert(
      fc.property(arbDecisionLog, (items) => {
        const f = computeTransparencyFigures(toLog(items), {
          from: '2025-01-01T00:00:00Z',
          to: '2027-01-01T00:00:00Z',
        });
        const sum = (o: Record<string, number>) => Object.values(o).reduce((s, n) => s + n, 0);
        expect(f.decisions.total).toBe(items.length);
        expect(sum(f.decisions.byAction)).toBe(f.decisions.total);
        expect(sum(f.decisions.byCategory)).toBe(f.decisions.total);
        expect(sum(f.decisions.byDetection)).toBe(f.decisions.total);
        expect(sum(f.reports.byDetection)).toBe(f.reports.received);
        expect(f.decisions.actioned).toBe(items.filter((i) => i.action !== 'no_action').length);
        expect(sum(f.decisions.byTerritory)).toBe(f.decisions.actioned);
        expect(sum(f.afterAppeal.byAction)).toBe(f.decisions.total);
        expect(f.decisions.byTcoType.threat).toBe(f.decisions.byCategory.terrorist_content);
        const t = f.timings.reportToDecision;
        expect(t.count).toBe(items.length);
        if (items.length > 0) {
          expect(t.medianMs).not.toBeNull();
          expect(t.medianMs!).toBeLessThanOrEqual(t.p90Ms!);
          expect(t.p90Ms!).toBeLessThanOrEqual(
            Math.max(...items.map((i) => i.delayMinutes)) * 60_000,
          );
        } else expect(t.medianMs).toBeNull();
      }),
    );
  });
});
