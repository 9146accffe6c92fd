import {
  AppealReceipt,
  ErrorBody,
  type Action,
  type StatementOfReasons,
} from '@counterweight/shared';
import type { IssuedToken, Role } from '@counterweight/shared/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockedAppealApp } from '../appeals/clocked-test-app';
import { createToken } from '../auth/tokens';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';

requirePostgresOrWarn('four-eyes matrix');

/**
 * The four-eyes rule on every path that decides, as the role matrix for people rather than
 * roles: who took part in a case may not decide it (again), whatever their role allows.
 */
describe.each(storesUnderTest())('four-eyes on %s', { timeout: 60_000 }, (kind) => {
  let t: TestApp;
  /** People beyond the test app's one token per role. */
  const people: Record<string, IssuedToken> = {};
  let client = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    t = { ...t, call: clockedAppealApp(t, () => new Date()) };
    const make = (role: Role, name: string) => createToken(t.db, role, name);
    people.senior2 = await make('senior_reviewer', 'Senior G');
    people.senior3 = await make('senior_reviewer', 'Senior H');
    // a second token of the same person as reviewer A and as Senior G
    people.reviewerAgain = await make('reviewer', 'reviewer a');
    people.senior2Again = await make('senior_reviewer', 'SENIOR G');
    people.seniorAgain = await make('senior_reviewer', 'Senior c');
  }, 120_000);
  afterAll(async () => t?.close());

  async function report(by: IssuedToken): Promise<string> {
    const response = await t.call('POST', '/v1/reports', { token: by, body: REPORT_EXAMPLE });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }
  const decide = (reportId: string, by: IssuedToken, action: Action = 'remove') =>
    t.decide(reportId, {
      token: by,
      body: { ...DECISION_EXAMPLE, action, escalateThreatToLife: false },
    });
  async function decided(submitter: IssuedToken, decider: IssuedToken, action: Action = 'remove') {
    const reportId = await report(submitter);
    const response = await decide(reportId, decider, action);
    expect(response.status).toBe(201);
    const { statement } = (await response.json()) as { statement: StatementOfReasons };
    return { reportId, appealToken: statement.x_appeal.token! };
  }
  async function providerAppeal(appealToken: string): Promise<string> {
    const filed = await t.call('POST', '/v1/appeals', {
      token: null,
      body: { appellant: 'content_provider', token: appealToken, grounds: 'It is news.' },
      headers: { 'x-test-client': `c${client++}` },
    });
    expect(filed.status).toBe(201);
    return AppealReceipt.parse(await filed.json()).appealId;
  }
  async function reporterAppeal(reportId: string, by: IssuedToken): Promise<string> {
    const filed = await t.call('POST', '/v1/appeals', {
      token: by,
      body: { appellant: 'reporter', reportId, grounds: 'This is incitement.' },
      headers: { 'x-test-client': `c${client++}` },
    });
    expect(filed.status).toBe(201);
    return AppealReceipt.parse(await filed.json()).appealId;
  }
  const decideAppeal = (appealId: string, by: IssuedToken, body: object) =>
    t.call('POST', `/v1/appeals/${appealId}/decision`, { token: by, body });
  const REVERSE_TO_REMOVE = { outcome: 'reversed', reasons: 'It is incitement.', action: 'remove' };
  const REINSTATE = { outcome: 'reversed', reasons: 'It is news.' };

  /** A 403 `four_eyes` that names the part the caller played, with nothing written. */
  async function expectRefused(request: () => Promise<Response>, part: RegExp) {
    const before = await rowCounts(t.db);
    const appealsBefore = await t.db.query('SELECT * FROM appeals ORDER BY id');
    const response = await request();
    expect(response.status).toBe(403);
    const body = ErrorBody.parse(await response.json());
    expect(body.code).toBe('four_eyes');
    expect(body.message).toMatch(part);
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await t.db.query('SELECT * FROM appeals ORDER BY id')).toEqual(appealsBefore);
  }

  describe('a report decision', () => {
    it.each([
      ['reviewer', 'the reviewer who submitted it'],
      ['senior', 'the senior reviewer who submitted it'],
    ] as const)('is refused to %s (%s)', async (who, _description) => {
      const reportId = await report(t.tokens[who]);
      await expectRefused(() => decide(reportId, t.tokens[who]), /submitted/);
    });

    it('is refused to another token of the submitter (same name, any case)', async () => {
      const reportId = await report(t.tokens.reviewer);
      await expectRefused(() => decide(reportId, people.reviewerAgain!), /submitted/);
    });

    it('is taken by a second person', async () => {
      const reportId = await report(t.tokens.senior);
      expect((await decide(reportId, t.tokens.reviewer)).status).toBe(201);
    });
  });

  describe('an appeal decision', () => {
    it('is refused to the senior who took the contested decision', async () => {
      const { appealToken } = await decided(t.tokens.reviewer, t.tokens.senior);
      const appealId = await providerAppeal(appealToken);
      await expectRefused(() => decideAppeal(appealId, t.tokens.senior, REINSTATE), /decided/);
    });

    it('is refused to another token of the first decider', async () => {
      const { appealToken } = await decided(t.tokens.reviewer, people.senior2!);
      const appealId = await providerAppeal(appealToken);
      await expectRefused(() => decideAppeal(appealId, people.senior2Again!, REINSTATE), /decided/);
    });

    it('is refused to the senior who submitted the report (content provider appeal)', async () => {
      const { appealToken } = await decided(t.tokens.senior, t.tokens.reviewer2);
      const appealId = await providerAppeal(appealToken);
      await expectRefused(() => decideAppeal(appealId, t.tokens.senior, REINSTATE), /submitted/);
    });

    it('is refused to a senior who submitted the report, lost on no action and appealed', async () => {
      const { reportId } = await decided(t.tokens.senior, t.tokens.reviewer2, 'no_action');
      const appealId = await reporterAppeal(reportId, t.tokens.senior);
      await expectRefused(
        () => decideAppeal(appealId, t.tokens.senior, REVERSE_TO_REMOVE),
        /submitted|appeal/,
      );
      // and to the same person under another token
      await expectRefused(
        () => decideAppeal(appealId, people.seniorAgain!, REVERSE_TO_REMOVE),
        /submitted|appeal/,
      );
      // a senior who took no part decides it
      const fresh = await decideAppeal(appealId, people.senior3!, REVERSE_TO_REMOVE);
      expect(fresh.status).toBe(200);
    });

    it('is taken by a senior who took no part', async () => {
      const { appealToken } = await decided(t.tokens.reviewer, t.tokens.reviewer2);
      const appealId = await providerAppeal(appealToken);
      expect((await decideAppeal(appealId, t.tokens.senior, REINSTATE)).status).toBe(200);
    });
  });
});
