import type { Action, StatementOfReasons } from '@counterweight/shared';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import type { TestApp } from './test-app';

/** An appeal filed by the content provider and decided by the senior reviewer. */
export interface DecidedAppeal {
  outcome: 'upheld' | 'reversed';
  reasons: string;
}

/**
 * Fills the log of a test app with a real case history: for each step a report (the OpenAPI
 * example) decided with `action` by a second reviewer, and, where `appeal` says so, appealed and
 * decided again. Returns the statements of reasons in order.
 */
export async function decideCases(
  t: TestApp,
  steps: readonly { action: Action; appeal?: DecidedAppeal }[],
): Promise<StatementOfReasons[]> {
  const statements: StatementOfReasons[] = [];
  for (const { action, appeal } of steps) {
    const { id } = (await (
      await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE })
    ).json()) as { id: string };
    const decided = await t.decide(id, {
      token: t.tokens.reviewer2,
      body: { ...DECISION_EXAMPLE, action, escalateThreatToLife: false },
    });
    const { statement } = (await decided.json()) as { statement: StatementOfReasons };
    statements.push(statement);
    if (!appeal) continue;
    const filed = (await (
      await t.call('POST', '/v1/appeals', {
        token: null,
        body: { appellant: 'content_provider', token: statement.x_appeal.token, grounds: 'g' },
      })
    ).json()) as { appealId: string };
    await t.call('POST', `/v1/appeals/${filed.appealId}/decision`, {
      token: t.tokens.senior,
      body: appeal,
    });
  }
  return statements;
}
