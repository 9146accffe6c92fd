import { createHash, randomBytes } from 'node:crypto';
import {
  Appeal,
  ErrorBody,
  LogEntry,
  MatchResponse,
  PROJECT_BANK,
  StatementOfReasons,
  textSignal,
  type Action,
  type AppealDecisionSubmission,
} from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { clockedAppealApp } from './clocked-test-app';

requirePostgresOrWarn('appeal-banking');

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe.each(storesUnderTest())(
  'the project bank after an appeal on %s',
  { timeout: 60_000 },
  (kind) => {
    let t: TestApp;
    let appealCall: TestApp['call'];
    let n = 0;

    beforeAll(async () => {
      t = await createTestApp(kind);
      appealCall = clockedAppealApp(t, () => new Date());
    }, 120_000);
    afterAll(async () => t?.close());

    /** A text report of its own content (so cases never share signals), decided with `action`. */
    async function decided(action: Action, content: object = {}) {
      // Random words: a text signal matches near-duplicates, so cases must share no word pairs.
      const excerpt = Array.from({ length: 20 }, () => randomBytes(4).toString('hex')).join(' ');
      n++;
      const report = await t.call('POST', '/v1/reports', {
        body: {
          ...REPORT_EXAMPLE,
          content: { ...REPORT_EXAMPLE.content, excerpt, excerptSha256: sha(excerpt), ...content },
        },
      });
      expect(report.status, await report.clone().text()).toBe(201);
      const { id } = (await report.json()) as { id: string };
      const res = await t.decide(id, {
        token: t.tokens.reviewer2,
        body: { ...DECISION_EXAMPLE, action, escalateThreatToLife: false },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { statement } = (await res.json()) as { statement: StatementOfReasons };
      const signals = [
        { type: 'sha256', value: sha(excerpt) },
        { type: 'text', value: textSignal(excerpt)! },
      ];
      return {
        reportId: id,
        decisionId: statement.x_decision_id,
        token: statement.x_appeal.token,
        signals,
        excerpt,
      };
    }

    /** Files an appeal (the content provider's, or the reporter's with `reportId`). */
    async function appeal(filer: { token?: string | null; reportId?: string }) {
      const res = await appealCall('POST', '/v1/appeals', {
        token: filer.reportId ? t.tokens.reviewer : null,
        body: filer.reportId
          ? {
              appellant: 'reporter',
              reportId: filer.reportId,
              grounds: 'This glorifies the attack.',
            }
          : { appellant: 'content_provider', token: filer.token, grounds: 'It is a news report.' },
        headers: { 'x-test-client': `c${n}` },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { appealId: string }).appealId;
    }

    const decideAppeal = (appealId: string, body: AppealDecisionSubmission) =>
      appealCall('POST', `/v1/appeals/${appealId}/decision`, { token: t.tokens.senior, body });

    const matches = async (signals: { type: string; value: string }[]) => {
      const res = await t.call('POST', '/v1/match', { token: t.tokens.cso, body: { signals } });
      expect(res.status).toBe(200);
      return MatchResponse.parse(await res.json()).matches;
    };

    async function log(): Promise<LogEntry[]> {
      const rows = await t.db.query<{ entry: string }>(
        `SELECT convert_from(data, 'UTF8') AS entry FROM log_entries ORDER BY idx`,
      );
      return rows.map((r) => LogEntry.parse(JSON.parse(r.entry)));
    }

    /** The log entries from the decision of `appealId` on: its `appeal_decided` entry first. */
    async function fromAppealDecision(appealId: string): Promise<LogEntry[]> {
      const entries = await log();
      const at = entries.findIndex(
        (e) => e.type === 'appeal_decided' && e.details.appealId === appealId,
      );
      expect(at).toBeGreaterThanOrEqual(0);
      return entries.slice(at);
    }

    it('reversed: a removal’s signals leave the bank, and a reporter’s win puts a “no action” content’s in', async () => {
      const removed = await decided('remove');
      expect(await matches(removed.signals)).toHaveLength(2);
      const reinstated = await appeal({ token: removed.token });
      expect(
        (await decideAppeal(reinstated, { outcome: 'reversed', reasons: 'News.' })).status,
      ).toBe(200);
      expect(await matches(removed.signals)).toEqual([]);
      const [decidedEntry, out] = await fromAppealDecision(reinstated);
      expect(decidedEntry?.details.reinstatement).toBe(true);
      expect(out).toMatchObject({
        type: 'bank_signals_removed',
        details: {
          bank: PROJECT_BANK,
          count: 2,
          types: ['sha256', 'text'],
          decisionId: removed.decisionId,
        },
      });

      const kept = await decided('no_action');
      expect(await matches(kept.signals)).toEqual([]);
      const contested = await appeal({ reportId: kept.reportId });
      const res = await decideAppeal(contested, {
        outcome: 'reversed',
        action: 'remove',
        reasons: 'It glorifies the attack.',
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const banked = await matches(kept.signals);
      expect(banked.map((m) => [m.signal, m.bank, m.label.source])).toEqual([
        [0, PROJECT_BANK, `decision ${kept.decisionId}`],
        [1, PROJECT_BANK, `decision ${kept.decisionId}`],
      ]);
      const [, added, ...after] = await fromAppealDecision(contested);
      expect(added).toMatchObject({
        type: 'bank_signals_added',
        actor: null,
        details: {
          bank: PROJECT_BANK,
          count: 2,
          types: ['sha256', 'text'],
          categories: [DECISION_EXAMPLE.category],
          sources: [`decision ${kept.decisionId}`],
          decisionId: kept.decisionId,
        },
      });
      expect(after).toEqual([]);
      // Hashes and labels only: no word of the excerpt reaches the log.
      expect(JSON.stringify(added)).not.toContain(kept.excerpt.slice(0, 8));
    });

    it('modified to a restriction: a labelled content’s signals enter the bank', async () => {
      const labelled = await decided('label');
      expect(await matches(labelled.signals)).toEqual([]);
      const appealId = await appeal({ token: labelled.token });
      const res = await decideAppeal(appealId, {
        outcome: 'modified',
        action: 'demote',
        reasons: 'A label is not enough; it is demoted.',
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(Appeal.parse(await res.json()).resultingAction).toBe('demote');
      expect(await matches(labelled.signals)).toHaveLength(2);
      const [, added] = await fromAppealDecision(appealId);
      expect(added).toMatchObject({
        type: 'bank_signals_added',
        details: { count: 2, decisionId: labelled.decisionId },
      });
    });

    it('modified to no restriction: a removal turned into a label takes the signals out', async () => {
      const removed = await decided('remove');
      const appealId = await appeal({ token: removed.token });
      const res = await decideAppeal(appealId, {
        outcome: 'modified',
        action: 'label',
        reasons: 'Context label instead.',
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await matches(removed.signals)).toEqual([]);
      const [, out] = await fromAppealDecision(appealId);
      expect(out).toMatchObject({
        type: 'bank_signals_removed',
        details: { count: 2, decisionId: removed.decisionId },
      });
    });

    it('upheld, or one restriction changed into another: the bank stays as it was, nothing logged', async () => {
      for (const [action, outcome, to] of [
        ['remove', 'upheld', undefined],
        ['label', 'upheld', undefined],
        ['remove', 'modified', 'demote'],
      ] as const) {
        const before = await decided(action);
        const wasBanked = (await matches(before.signals)).length;
        expect(wasBanked).toBe(action === 'remove' ? 2 : 0);
        const appealId = await appeal({ token: before.token });
        const res = await decideAppeal(appealId, { outcome, action: to, reasons: 'Checked.' });
        expect(res.status, await res.clone().text()).toBe(200);
        expect(await matches(before.signals)).toHaveLength(wasBanked);
        const after = await fromAppealDecision(appealId);
        expect(after.map((e) => e.type)).toEqual(['appeal_decided']);
      }
    });

    it('an image modified into a removal banks its media hashes, never the excerpt nor the screenshot', async () => {
      const pdq = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
      const md5 = '0cc175b9c0f1b6a831c399e269772661';
      const imageSha = sha(`image bytes on ${kind}`);
      const screenshot = Buffer.from(`\x89PNG\r\n\x1a\n screenshot on ${kind}`, 'latin1');
      const screenshotSha = createHash('sha256').update(screenshot).digest('hex');
      const excerpt = `Image "flag of an armed group" on ${kind}`;
      const report = await t.call('POST', '/v1/reports', {
        body: {
          ...REPORT_EXAMPLE,
          content: {
            ...REPORT_EXAMPLE.content,
            excerpt,
            excerptSha256: sha(excerpt),
            contentType: 'image',
            signals: [
              { type: 'pdq', value: pdq },
              { type: 'md5', value: md5 },
              { type: 'sha256', value: imageSha },
            ],
          },
          screenshot: {
            mediaType: 'image/png',
            sha256: screenshotSha,
            data: screenshot.toString('base64'),
          },
        },
      });
      expect(report.status, await report.clone().text()).toBe(201);
      const { id } = (await report.json()) as { id: string };
      const res = await t.decide(id, {
        token: t.tokens.reviewer2,
        body: { ...DECISION_EXAMPLE, action: 'label', escalateThreatToLife: false },
      });
      const { statement } = (await res.json()) as { statement: StatementOfReasons };
      const appealId = await appeal({ token: statement.x_appeal.token });
      expect(
        (
          await decideAppeal(appealId, {
            outcome: 'modified',
            action: 'remove',
            reasons: 'Removed.',
          })
        ).status,
      ).toBe(200);
      const banked = await matches([
        { type: 'pdq', value: pdq },
        { type: 'md5', value: md5 },
        { type: 'sha256', value: imageSha },
        { type: 'sha256', value: screenshotSha },
        { type: 'sha256', value: sha(excerpt) },
      ]);
      expect(banked.map((m) => [m.signal, m.distance])).toEqual([
        [0, 0],
        [1, 0],
        [2, 0],
      ]);
      const [, added] = await fromAppealDecision(appealId);
      expect(added?.details).toMatchObject({ count: 3, types: ['md5', 'pdq', 'sha256'] });
    });

    it('when the signals cannot be banked, the appeal decision is refused whole: nothing half-written', async () => {
      const labelled = await decided('label');
      const appealId = await appeal({ token: labelled.token });
      // Retention keeps content while an appeal is open; removed by hand here to make banking fail.
      await t.db.query('UPDATE reports SET content = NULL WHERE id = $1', [labelled.reportId]);
      const entries = (await log()).length;
      const res = await decideAppeal(appealId, {
        outcome: 'modified',
        action: 'remove',
        reasons: 'Removed.',
      });
      expect(res.status).toBe(409);
      expect(ErrorBody.parse(await res.json()).message).toContain('purged');
      expect((await log()).length).toBe(entries);
      const stored = await appealCall('GET', `/v1/appeals/${appealId}`, { token: t.tokens.senior });
      expect(Appeal.parse(await stored.json())).toMatchObject({ status: 'open', outcome: null });
      const [statement] = await t.db.query<{ body: StatementOfReasons }>(
        'SELECT body FROM statements WHERE decision_id = $1',
        [labelled.decisionId],
      );
      expect(statement?.body.x_amended_by_appeal).toBeNull();
    });
  },
);
