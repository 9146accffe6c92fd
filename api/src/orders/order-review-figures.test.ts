import {
  computeTransparencyFigures,
  fetchEntries,
  type LogClient,
  openCheckpoint,
  ReviewProceeding,
  TransparencyReport,
} from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../cli/verify-report';
import { withClockedOrderApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { reviewCalls } from '../testing/review-calls';

requirePostgresOrWarn('the Art. 7 figures of review proceedings');

const DAY = 86_400_000;

describe.each(storesUnderTest())(
  'review proceedings and reinstatements in the Art. 7 figures on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let call: TestApp['call'];
    const clock = withClockedOrderApp(kind, (app, clocked) => {
      t = app;
      call = clocked;
    });
    const review = reviewCalls(() => call, clock);

    async function filed(orderId: string, broughtBy: string) {
      const response = await review.file(orderId, { broughtBy });
      expect(response.status).toBe(201);
      return ReviewProceeding.parse(await response.json());
    }
    async function decided(orderId: string, pid: string, outcome: string, reinstated: boolean) {
      const response = await review.decide(orderId, pid, review.outcome(outcome, reinstated));
      expect(response.status).toBe(200);
    }

    /** The log as a verify-log client reads it: the app's public log and report routes. */
    const client: LogClient = {
      text: async (path) => (await t.call('GET', path, { token: null })).text(),
      json: async (path) => (await t.call('GET', path, { token: null })).json(),
    };
    const reportOf = async (from: string, to: string) => {
      await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
      return TransparencyReport.parse(
        await client.json(`/v1/transparency/report?from=${from}&to=${to}`),
      );
    };

    it('counts filings, outcomes, pending proceedings and reinstatements after each path', async () => {
      const a = await review.executed('FIG-A', t.tokens.reviewer);
      const b = await review.executed('FIG-B', t.tokens.reviewer);
      const c = await review.received('FIG-C');
      const annulled = await filed(a.id, 'content_provider');
      await filed(a.id, 'hosting_service'); // pending
      const upheld = await filed(b.id, 'hosting_service');
      const late = await filed(c.id, 'content_provider');
      await decided(a.id, annulled.id, 'order_annulled', true);
      await decided(b.id, upheld.id, 'order_upheld', false);
      await review.reversedComplaint(b.id, t.tokens.senior);
      clock.ms += 30 * DAY; // decided in January: no longer pending in December, counted in January
      await decided(c.id, late.id, 'order_amended', false);

      const december = (await reportOf('2026-12-01', '2027-01-01')).figures.orders;
      expect(december.reviewProceedings).toEqual({
        filed: 4,
        byBroughtBy: { hosting_service: 2, content_provider: 2 },
        decided: { order_upheld: 1, order_annulled: 1, order_amended: 0 },
        pending: 1,
      });
      expect(december.complaints).toEqual({ received: 1, upheld: 0, reversed: 1 });
      expect(december).toMatchObject({
        reinstatements: 2,
        reinstatementsAfterComplaints: 1,
        reinstatementsAfterReviewProceedings: 1,
      });
      const january = (await reportOf('2027-01-01', '2027-02-01')).figures.orders;
      expect(january.reviewProceedings).toMatchObject({
        filed: 0,
        pending: 0,
        decided: { order_upheld: 0, order_annulled: 0, order_amended: 1 },
      });
    });

    it('publishes figures verify-log recomputes from the log, and names each one tampered with', async () => {
      const [from, to] = ['2026-12-01', '2027-01-01'];
      const report = await reportOf(from, to);
      const signed = await openCheckpoint(
        await client.text('/v1/log/checkpoint'),
        t.deps.log.verifierKey,
      );
      const entries = await fetchEntries(client, 0, signed.size);
      const inReport = entries.slice(0, report.checkpoint.treeSize).map((e) => e.entry);
      expect(computeTransparencyFigures(inReport, report.period)).toEqual(report.figures);
      const honest = await checkReport(client, from, to, signed, entries);
      expect(honest.ok, honest.lines.join('\n')).toBe(true);

      // A report that hides a pending proceeding and moves a reinstatement to the complaints.
      const lying: LogClient = {
        text: client.text,
        json: async (path) => {
          const body = await client.json(path);
          if (!path.startsWith('/v1/transparency/report')) return body;
          const tampered = TransparencyReport.parse(body);
          tampered.figures.orders.reviewProceedings.pending -= 1;
          tampered.figures.orders.reinstatementsAfterReviewProceedings -= 1;
          tampered.figures.orders.reinstatementsAfterComplaints += 1;
          return tampered;
        },
      };
      const caught = await checkReport(lying, from, to, signed, entries);
      expect(caught.ok).toBe(false);
      const named = caught.lines
        .filter((line) => line.startsWith('MISMATCH'))
        .map((line) => line.split(':')[1]?.trim());
      expect(named).toEqual([
        'orders.reinstatementsAfterComplaints',
        'orders.reinstatementsAfterReviewProceedings',
        'orders.reviewProceedings.pending',
      ]);
    });
  },
);
