import { Decision, ErrorBody, LogEntry, Report, StatementOfReasons } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { DecisionRecorded } from './decisions';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from './examples';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function submit(body: unknown = REPORT_EXAMPLE): Promise<Report> {
  const response = await t.call('POST', '/v1/reports', { body });
  expect(response.status).toBe(201);
  return Report.parse(await response.json());
}

describe('POST /v1/reports/{id}/decision', () => {
  it('records a decision by a second reviewer with a statement of reasons and its appeal token', async () => {
    const report = await submit();
    const response = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: DECISION_EXAMPLE,
      token: t.tokens.reviewer2,
    });
    expect(response.status).toBe(201);
    const { decision, statement } = DecisionRecorded.parse(await response.json());
    expect(decision.reportId).toBe(report.id);
    expect(decision.automatedDetection).toBe(true);
    expect(statement.puid).toBe(report.id);
    expect(statement.x_appeal.token).toMatch(/^cwa_[A-Za-z0-9_-]{43}$/);
    const deadline =
      new Date(statement.x_appeal.deadline).getTime() - new Date(decision.decidedAt).getTime();
    expect(deadline / 86_400_000).toBeGreaterThanOrEqual(181);
    expect(deadline / 86_400_000).toBeLessThanOrEqual(184);

    const stored = await t.call('GET', `/v1/decisions/${decision.id}/statement`, {
      token: t.tokens.auditor,
    });
    expect(stored.status).toBe(200);
    const published = StatementOfReasons.parse(await stored.json());
    expect(published.x_appeal.token).toBeNull();
    expect({ ...published, x_appeal: null }).toEqual({ ...statement, x_appeal: null });

    const reportNow = Report.parse(await (await t.call('GET', `/v1/reports/${report.id}`)).json());
    expect(reportNow.status).toBe('decided');
    expect(reportNow.decisionId).toBe(decision.id);
    Decision.parse(decision);

    const entries = (
      await t.db.query<{ data: Uint8Array }>(
        'SELECT data FROM log_entries ORDER BY log_entries.idx',
      )
    ).map((row) => LogEntry.parse(JSON.parse(Buffer.from(row.data).toString('utf8'))));
    // A removal also banks the content's hashes (bank_* entries, see routes/banks.test.ts).
    expect(entries.some((e) => e.type === 'bank_signals_added')).toBe(true);
    const caseEntries = entries.filter((e) => !e.type.startsWith('bank_'));
    expect(caseEntries.slice(-3).map((e) => e.type)).toEqual([
      'report_received',
      'decision_made',
      'statement_published',
    ]);
    const made = caseEntries.at(-2)!;
    expect(made.action).toBe('remove');
    expect(made.ground).toBe('illegal_content');
    expect(made.actor).not.toBe(caseEntries.at(-3)!.actor);
  });

  it('refuses the reviewer who submitted the report (403) and leaves nothing behind', async () => {
    const report = await submit();
    const before = await rowCounts(t.db);
    const response = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: DECISION_EXAMPLE,
      token: t.tokens.reviewer,
    });
    expect(response.status).toBe(403);
    expect(ErrorBody.parse(await response.json()).message).toMatch(/you submitted this report/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses removal or disabling when an Art. 1(3) exemption applies, naming action', async () => {
    const report = await submit();
    for (const action of ['remove', 'disable_in_territory'] as const) {
      const body = {
        ...DECISION_EXAMPLE,
        action,
        territorialScope: ['DE'],
        exemption: {
          applies: true,
          exemptions: ['journalistic'],
          reasoning: 'A news report quoting the claim.',
        },
      };
      const response = await t.call('POST', `/v1/reports/${report.id}/decision`, {
        body,
        token: t.tokens.senior,
      });
      expect(response.status).toBe(400);
      expect(ErrorBody.parse(await response.json()).issues?.map((i) => i.path)).toContain('action');
    }
    const label = {
      ...DECISION_EXAMPLE,
      action: 'label',
      exemption: {
        applies: true,
        exemptions: ['journalistic'],
        reasoning: 'A news report quoting the claim.',
      },
    };
    const ok = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: label,
      token: t.tokens.senior,
    });
    expect(ok.status).toBe(201);
    const { statement } = DecisionRecorded.parse(await ok.json());
    expect(statement.decision_visibility).toEqual(['DECISION_VISIBILITY_CONTENT_LABELLED']);
    expect(statement.x_exemption_applied).toBe(true);
    expect(statement.x_exemptions).toEqual(['journalistic']);
  });

  it('answers 409 for a report already decided and 404 for an unknown report', async () => {
    const report = await submit();
    expect(
      (
        await t.call('POST', `/v1/reports/${report.id}/decision`, {
          body: DECISION_EXAMPLE,
          token: t.tokens.reviewer2,
        })
      ).status,
    ).toBe(201);
    const before = await rowCounts(t.db);
    const again = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: DECISION_EXAMPLE,
      token: t.tokens.senior,
    });
    expect(again.status).toBe(409);
    const unknown = await t.call(
      'POST',
      '/v1/reports/3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10/decision',
      { body: DECISION_EXAMPLE, token: t.tokens.senior },
    );
    expect(unknown.status).toBe(404);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('requires the ground and the territory for disabling, with field paths', async () => {
    const report = await submit();
    const { ground: _ground, ...noGround } = DECISION_EXAMPLE;
    let response = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: noGround,
      token: t.tokens.senior,
    });
    expect(ErrorBody.parse(await response.json()).issues?.map((i) => i.path)).toContain('ground');
    response = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: { ...DECISION_EXAMPLE, action: 'disable_in_territory' },
      token: t.tokens.senior,
    });
    expect(ErrorBody.parse(await response.json()).issues?.map((i) => i.path)).toContain(
      'territorialScope',
    );
    response = await t.call('POST', `/v1/reports/${report.id}/decision`, {
      body: { ...DECISION_EXAMPLE, ground: { ...DECISION_EXAMPLE.ground, legalReference: '' } },
      token: t.tokens.senior,
    });
    expect(ErrorBody.parse(await response.json()).issues?.map((i) => i.path)).toContain(
      'ground.legalReference',
    );
  });
});

describe('GET /v1/statements', () => {
  it('exports statements as JSON Lines within [from, to), without appeal tokens', async () => {
    const response = await t.call('GET', '/v1/statements', { token: t.tokens.auditor });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => StatementOfReasons.parse(JSON.parse(line)));
    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM statements',
    )) as [{ n: number }];
    expect(lines).toHaveLength(n);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(lines.every((s) => s.x_appeal.token === null)).toBe(true);

    const future = await t.call('GET', '/v1/statements?from=2100-01-01', {
      token: t.tokens.auditor,
    });
    expect(await future.text()).toBe('');
    const past = await t.call('GET', '/v1/statements?from=2000-01-01&to=2001-01-01T00:00:00Z', {
      token: t.tokens.auditor,
    });
    expect(await past.text()).toBe('');
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await t.call('GET', `/v1/statements?from=${today}&to=2100-01-01`, {
      token: t.tokens.auditor,
    });
    expect((await inRange.text()).split('\n').filter(Boolean)).toHaveLength(n);
  });

  it('refuses bad ranges naming the query parameter', async () => {
    let body = ErrorBody.parse(
      await (
        await t.call('GET', '/v1/statements?from=yesterday', { token: t.tokens.auditor })
      ).json(),
    );
    expect(body.issues?.[0]?.path).toBe('from');
    body = ErrorBody.parse(
      await (
        await t.call('GET', '/v1/statements?from=2026-02-01&to=2026-01-01', {
          token: t.tokens.auditor,
        })
      ).json(),
    );
    expect(body.issues?.[0]?.path).toBe('to');
  });

  it('pages through more statements than one database page, missing and repeating none', async () => {
    await Promise.all(Array.from({ length: 520 }, () => submit()));
    // decide them in bulk in SQL (the API path is tested above); many share one published_at
    await t.db.query(
      `INSERT INTO decisions (id, report_id, decided_by, decided_at, body, appeal_token_sha256, appeal_deadline)
       SELECT gen_random_uuid(), id, submitted_by, date_trunc('second', now()), '{}'::jsonb, md5(id::text || 'appeal'), now()
       FROM reports WHERE status = 'awaiting_decision'`,
    );
    await t.db.query(
      `INSERT INTO statements (decision_id, published_at, body)
       SELECT d.id, d.decided_at, jsonb_set((SELECT body FROM statements LIMIT 1), '{x_decision_id}', to_jsonb(d.id::text))
       FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.decision_id = d.id)`,
    );
    const response = await t.call('GET', '/v1/statements', { token: t.tokens.auditor });
    const ids = (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => StatementOfReasons.parse(JSON.parse(line)).x_decision_id);
    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM statements',
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(520);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
  });
});
