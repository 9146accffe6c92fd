import {
  Appeal,
  AppealNotice,
  AppealDecisionSubmission,
  AppealSubmission,
  LegalHoldRequest,
  AppealQueue,
  AppealReceipt,
  LogEntry,
  StatementOfReasons,
  type DecisionSubmission,
} from '@counterweight/shared';
import type { IssuedToken } from '@counterweight/shared/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { decodeLogEntry } from '../transparency/log-reader';
import { clockedAppealApp } from '../appeals/clocked-test-app';
import { APPEAL_DECISION_EXAMPLE, APPEAL_EXAMPLE } from './appeals';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from './examples';
import { LEGAL_HOLD_EXAMPLE } from './legal-holds';

requirePostgresOrWarn('appeals');

const DAY = 86_400_000;

describe.each(storesUnderTest())('appeals on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  let clock = Date.now();
  const now = () => new Date(clock);

  beforeAll(async () => {
    t = await createTestApp(kind);
    // The app's own appeal routes use the real clock and socket addresses; these have an
    // injected clock and a small bucket keyed by a test header, to drive deadlines and limits.
    t = { ...t, call: clockedAppealApp(t, now, { capacity: 3, refillPerSecond: 1 / 3600 }) };
  }, 120_000);
  afterAll(async () => t?.close());

  let client = 0;
  /** A report by `reporter`, decided by `decider` with `decision` overrides. */
  async function decidedReport(
    decider: IssuedToken,
    decision: Partial<DecisionSubmission> = {},
    reporter = t.tokens.reviewer,
  ) {
    const report = await t.call('POST', '/v1/reports', { token: reporter, body: REPORT_EXAMPLE });
    expect(report.status).toBe(201);
    const { id } = (await report.json()) as { id: string };
    const decided = await t.decide(id, {
      token: decider,
      body: { ...DECISION_EXAMPLE, ...decision },
    });
    expect(decided.status).toBe(201);
    const { statement } = (await decided.json()) as {
      statement: StatementOfReasons;
      decision: { id: string };
    };
    return { reportId: id, decisionId: statement.x_decision_id, token: statement.x_appeal.token! };
  }
  const fileAppeal = (
    body: unknown,
    options: { token?: IssuedToken | null; client?: string } = {},
  ) =>
    t.call('POST', '/v1/appeals', {
      token: options.token ?? null,
      body,
      headers: { 'x-test-client': options.client ?? `c${client++}` },
    });
  async function logEntries(): Promise<LogEntry[]> {
    const rows = await t.db.query<{ data: Uint8Array }>(
      'SELECT data FROM log_entries ORDER BY idx',
    );
    return rows.map((row) => decodeLogEntry(row.data));
  }

  it('lets a content provider appeal with the token, and a second senior reverse it', async () => {
    const { decisionId, token, reportId } = await decidedReport(t.tokens.reviewer2);
    const filed = await fileAppeal({
      appellant: 'content_provider',
      token,
      grounds: 'This was a news report about the attack.',
    });
    expect(filed.status).toBe(201);
    const receipt = AppealReceipt.parse(await filed.json());
    expect(Date.parse(receipt.dueAt) - Date.parse(receipt.filedAt)).toBe(14 * DAY);

    const report = await t.call('GET', `/v1/reports/${reportId}`);
    expect(((await report.json()) as { status: string }).status).toBe('appealed');

    const status = (body: unknown) =>
      t.call('POST', '/v1/appeals/status', {
        token: null,
        body,
        headers: { 'x-test-client': `s${client++}` },
      });
    const pending = await status({ appellant: 'content_provider', token });
    expect(pending.status).toBe(200);
    expect(AppealNotice.parse(await pending.json())).toMatchObject({
      appealId: receipt.appealId,
      status: 'open',
      outcome: null,
      reasons: null,
    });
    expect((await t.call('GET', `/v1/appeals/${receipt.appealId}`, { token: null })).status).toBe(
      401,
    );

    const decided = await t.call('POST', `/v1/appeals/${receipt.appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'reversed', reasons: 'Journalistic purpose: Art. 1(3) applies.' },
    });
    expect(decided.status).toBe(200);
    const appeal = Appeal.parse(await decided.json());
    expect(appeal).toMatchObject({
      status: 'decided',
      outcome: 'reversed',
      originalAction: 'remove',
      resultingAction: 'no_action',
      overdue: false,
    });

    const told = AppealNotice.parse(
      await (await status({ appellant: 'content_provider', token })).json(),
    );
    expect(told).toMatchObject({
      status: 'decided',
      outcome: 'reversed',
      resultingAction: 'no_action',
      reasons: 'Journalistic purpose: Art. 1(3) applies.',
    });
    expect(
      (await status({ appellant: 'content_provider', token: 'cwa_' + 'z'.repeat(43) })).status,
    ).toBe(404);

    const statement = StatementOfReasons.parse(
      await (await t.call('GET', `/v1/decisions/${decisionId}/statement`)).json(),
    );
    expect(statement.x_amended_by_appeal).toBe(`${receipt.appealId}: reversed`);
    expect(statement.x_action).toBe('no_action');
    expect(statement.decision_visibility).toEqual(['DECISION_VISIBILITY_OTHER']);
    expect(statement.x_appeal.token).toBeNull();
    // one consistent final outcome, the appeal's reasons in it, the original kept as history
    expect(statement.decision_facts).toBe(
      'Decided on appeal (reversed): Journalistic purpose: Art. 1(3) applies.',
    );
    expect(statement.illegal_content_explanation).toMatch(
      /^Reversed on appeal: the content is no longer restricted\. Journalistic purpose/,
    );
    expect(statement.x_appeal_decision).toMatchObject({
      appealId: receipt.appealId,
      outcome: 'reversed',
      previousAction: 'remove',
      reasons: 'Journalistic purpose: Art. 1(3) applies.',
    });
    expect(statement.x_original_statement).toMatchObject({
      x_action: 'remove',
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      x_amended_by_appeal: null,
    });
    // the appellant reads the same amended statement on the public page's endpoint
    const publicCopy = await t.call('POST', '/v1/appeals/statement', {
      token: null,
      body: { appellant: 'content_provider', token },
    });
    expect(StatementOfReasons.parse(await publicCopy.json())).toEqual(statement);

    const entries = (await logEntries()).filter((e) => e.reportId === reportId);
    expect(entries.map((e) => e.type)).toEqual([
      'report_received',
      'case_claimed',
      'decision_made',
      'statement_published',
      'appeal_filed',
      'appeal_decided',
    ]);
    const [filedEntry, decidedEntry] = entries.slice(4);
    expect(filedEntry).toMatchObject({
      actor: null,
      action: 'remove',
      details: { appealId: receipt.appealId, appellant: 'content_provider', decisionId },
    });
    expect(decidedEntry).toMatchObject({
      action: 'no_action',
      details: { outcome: 'reversed', previousAction: 'remove', reinstatement: true },
    });
    expect(decidedEntry!.actor).not.toBe(entries[1]!.actor);
    // The grounds are personal: they never reach the log.
    expect(JSON.stringify(entries)).not.toContain('news report');
  });

  it('refuses the senior who took the original decision (403), and leaves nothing written', async () => {
    const { token } = await decidedReport(t.tokens.senior);
    const receipt = AppealReceipt.parse(
      await (await fileAppeal({ appellant: 'content_provider', token, grounds: 'g' })).json(),
    );
    const before = await rowCounts(t.db);
    const refused = await t.call('POST', `/v1/appeals/${receipt.appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'upheld', reasons: 'r' },
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'four_eyes' });
    expect(await rowCounts(t.db)).toEqual(before);
    // A reviewer (not senior) may not decide at all.
    expect(
      (
        await t.call('POST', `/v1/appeals/${receipt.appealId}/decision`, {
          token: t.tokens.reviewer2,
          body: { outcome: 'upheld', reasons: 'r' },
        })
      ).status,
    ).toBe(403);
  });

  it('lets the reporter contest a no action decision, and only that', async () => {
    const noAction = await decidedReport(t.tokens.reviewer2, {
      action: 'no_action',
      escalateThreatToLife: false,
    });
    const body = {
      appellant: 'reporter',
      reportId: noAction.reportId,
      grounds: 'This glorifies the attack.',
    };
    expect((await fileAppeal(body)).status).toBe(401);
    expect((await fileAppeal(body, { token: t.tokens.reviewer2 })).status).toBe(404); // not the reporter
    const filed = await fileAppeal(body, { token: t.tokens.reviewer });
    expect(filed.status).toBe(201);
    const asked = await t.call('POST', '/v1/appeals/status', {
      token: t.tokens.reviewer,
      body: { appellant: 'reporter', reportId: noAction.reportId },
      headers: { 'x-test-client': 'reporter-status' },
    });
    expect(AppealNotice.parse(await asked.json())).toMatchObject({
      status: 'open',
      originalAction: 'no_action',
    });
    const { appealId } = AppealReceipt.parse(await filed.json());
    const noActionNeeded = await t.call('POST', `/v1/appeals/${appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'reversed', reasons: 'It is incitement.' },
    });
    expect(noActionNeeded.status).toBe(400);
    expect(await noActionNeeded.json()).toMatchObject({ issues: [{ path: 'action' }] });
    const decided = await t.call('POST', `/v1/appeals/${appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'reversed', reasons: 'It is incitement.', action: 'remove' },
    });
    expect(Appeal.parse(await decided.json())).toMatchObject({
      resultingAction: 'remove',
      appellant: 'reporter',
    });
    const last = (await logEntries()).at(-1)!;
    expect(last.details).toMatchObject({
      outcome: 'reversed',
      previousAction: 'no_action',
      reinstatement: false,
    });

    const removed = await decidedReport(t.tokens.reviewer2);
    const refused = await fileAppeal(
      { ...body, reportId: removed.reportId },
      { token: t.tokens.reviewer },
    );
    expect(refused.status).toBe(409);
  });

  it('refuses bad input with the field named, unknown tokens, a second appeal and a late one', async () => {
    const bad = await fileAppeal({ appellant: 'content_provider', token: 'short', grounds: '' });
    expect(bad.status).toBe(400);
    const issues = ((await bad.json()) as { issues: { path: string }[] }).issues
      .map((i) => i.path)
      .sort();
    expect(issues).toEqual(['grounds', 'token']);
    const notJson = await t.call('POST', '/v1/appeals', {
      token: null,
      body: '{"appellant":',
      headers: { 'x-test-client': 'json' },
    });
    expect(notJson.status).toBe(400);
    const unknown = await fileAppeal({
      appellant: 'content_provider',
      token: 'cwa_' + 'x'.repeat(43),
      grounds: 'g',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ issues: [{ path: 'token' }] });

    const { token } = await decidedReport(t.tokens.reviewer2);
    expect((await fileAppeal({ appellant: 'content_provider', token, grounds: 'g' })).status).toBe(
      201,
    );
    expect(
      (await fileAppeal({ appellant: 'content_provider', token, grounds: 'again' })).status,
    ).toBe(409);

    const late = await decidedReport(t.tokens.reviewer2);
    const saved = clock;
    clock += 184 * DAY; // past six months
    try {
      const refused = await fileAppeal({
        appellant: 'content_provider',
        token: late.token,
        grounds: 'g',
      });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /appeal period ended/,
      );
    } finally {
      clock = saved;
    }
  });

  it('rate-limits filing per client with 429 rate_limited', async () => {
    const body = { appellant: 'content_provider', token: 'cwa_' + 'y'.repeat(43), grounds: 'g' };
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fileAppeal(body, { client: 'flooder' })).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await fileAppeal(body, { client: 'flooder' });
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fileAppeal(body, { client: 'someone-else' })).status).toBe(404);
  });

  it('lists open appeals overdue first, for senior reviewers only', async () => {
    const saved = clock;
    try {
      clock = saved - 20 * DAY; // filed 20 days ago: overdue
      const old = await decidedReport(t.tokens.reviewer2);
      const overdue = AppealReceipt.parse(
        await (
          await fileAppeal({ appellant: 'content_provider', token: old.token, grounds: 'g' })
        ).json(),
      );
      clock = saved - 1 * DAY;
      const fresh = await decidedReport(t.tokens.reviewer2);
      const recent = AppealReceipt.parse(
        await (
          await fileAppeal({ appellant: 'content_provider', token: fresh.token, grounds: 'g' })
        ).json(),
      );
      clock = saved;
      const queue = await t.call('GET', '/v1/appeals/queue', { token: t.tokens.senior });
      expect(queue.status).toBe(200);
      const { items } = AppealQueue.parse(await queue.json());
      const overdueCount = items.filter((a) => a.overdue).length;
      expect(items.slice(0, overdueCount).every((a) => a.overdue)).toBe(true);
      expect(items.findIndex((a) => a.id === overdue.appealId)).toBeLessThan(
        items.findIndex((a) => a.id === recent.appealId),
      );
      expect(items.find((a) => a.id === overdue.appealId)?.overdue).toBe(true);
      expect(items.every((a) => a.status === 'open')).toBe(true);
      expect((await t.call('GET', '/v1/appeals/queue', { token: t.tokens.reviewer })).status).toBe(
        403,
      );
      expect((await t.call('GET', '/v1/appeals/queue', { token: null })).status).toBe(401);
    } finally {
      clock = saved;
    }
  });

  it('modifies to a milder action, keeps an Art. 1(3) exemption from allowing removal', async () => {
    const { token } = await decidedReport(t.tokens.reviewer2);
    const { appealId } = AppealReceipt.parse(
      await (await fileAppeal({ appellant: 'content_provider', token, grounds: 'g' })).json(),
    );
    const same = await t.call('POST', `/v1/appeals/${appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'modified', reasons: 'r', action: 'remove' },
    });
    expect(same.status).toBe(400);
    const ok = await t.call('POST', `/v1/appeals/${appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'modified', reasons: 'A label suffices.', action: 'label' },
    });
    expect(Appeal.parse(await ok.json())).toMatchObject({
      outcome: 'modified',
      resultingAction: 'label',
    });
    const again = await t.call('POST', `/v1/appeals/${appealId}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'upheld', reasons: 'r' },
    });
    expect(again.status).toBe(409);

    const exempt = await decidedReport(t.tokens.reviewer2, {
      action: 'label',
      escalateThreatToLife: false,
      exemption: { applies: true, exemptions: ['journalistic'], reasoning: 'News report.' },
    });
    const { appealId: exemptAppeal } = AppealReceipt.parse(
      await (
        await fileAppeal({ appellant: 'content_provider', token: exempt.token, grounds: 'g' })
      ).json(),
    );
    const removal = await t.call('POST', `/v1/appeals/${exemptAppeal}/decision`, {
      token: t.tokens.senior,
      body: { outcome: 'modified', reasons: 'r', action: 'remove' },
    });
    expect(removal.status).toBe(400);
    expect(await removal.json()).toMatchObject({ issues: [{ path: 'action' }] });
  });
});

describe('appeal and legal hold examples', () => {
  it('are valid bodies, and the routes are in the OpenAPI document', async () => {
    expect(AppealSubmission.parse(APPEAL_EXAMPLE)).toMatchObject({ appellant: 'content_provider' });
    expect(AppealDecisionSubmission.parse(APPEAL_DECISION_EXAMPLE)).toMatchObject({
      outcome: 'reversed',
    });
    expect(LegalHoldRequest.parse(LEGAL_HOLD_EXAMPLE).reason).toMatch(/prosecutor/);
    const t = await createTestApp();
    try {
      const doc = (await (await t.call('GET', '/openapi.json', { token: null })).json()) as {
        paths: Record<string, unknown>;
      };
      for (const path of [
        '/v1/appeals',
        '/v1/appeals/queue',
        '/v1/appeals/{id}',
        '/v1/appeals/{id}/decision',
        '/v1/transparency/report',
        '/v1/transparency/series',
        '/v1/reports/{id}/legal-hold',
      ])
        expect(Object.keys(doc.paths)).toContain(path);
    } finally {
      await t.close();
    }
  }, 60_000);
});
