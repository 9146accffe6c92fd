import { describe, expect, it } from 'vitest';
import {
  AppealDecisionSubmission,
  AppealSubmission,
  appealDueAt,
  isReinstatement,
  resultingAction,
} from './appeal';

describe('AppealSubmission', () => {
  it('takes a content provider with a token, or a reporter naming the report', () => {
    expect(
      AppealSubmission.parse({
        appellant: 'content_provider',
        token: 'x'.repeat(32),
        grounds: ' It was news. ',
      }).grounds,
    ).toBe('It was news.');
    expect(
      AppealSubmission.safeParse({
        appellant: 'reporter',
        reportId: '00000000-0000-4000-8000-000000000001',
        grounds: 'g',
      }).success,
    ).toBe(true);
  });

  it('names the field that is wrong', () => {
    const r = AppealSubmission.safeParse({
      appellant: 'content_provider',
      token: 'short',
      grounds: '',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['grounds', 'token']);
    expect(
      AppealSubmission.safeParse({ appellant: 'someone', grounds: 'g' }).error?.issues[0]?.path,
    ).toEqual(['appellant']);
  });
});

describe('AppealDecisionSubmission', () => {
  it('requires an action for a modification and refuses one for an upheld decision', () => {
    expect(
      AppealDecisionSubmission.safeParse({ outcome: 'modified', reasons: 'r' }).error?.issues[0]
        ?.path,
    ).toEqual(['action']);
    expect(
      AppealDecisionSubmission.safeParse({ outcome: 'upheld', reasons: 'r', action: 'label' }).error
        ?.issues[0]?.path,
    ).toEqual(['action']);
    expect(AppealDecisionSubmission.safeParse({ outcome: 'reversed', reasons: 'r' }).success).toBe(
      true,
    );
    expect(
      AppealDecisionSubmission.safeParse({
        outcome: 'modified',
        reasons: 'r',
        action: 'disable_in_territory',
      }).error?.issues[0]?.path,
    ).toEqual(['territorialScope']);
    expect(
      AppealDecisionSubmission.safeParse({
        outcome: 'modified',
        reasons: 'r',
        action: 'disable_in_territory',
        territorialScope: ['DE'],
      }).success,
    ).toBe(true);
  });
});

describe('resultingAction', () => {
  it('follows the outcome', () => {
    expect(resultingAction('upheld', 'remove', undefined)).toEqual({ action: 'remove' });
    expect(resultingAction('reversed', 'remove', undefined)).toEqual({ action: 'no_action' });
    expect(resultingAction('reversed', 'remove', 'label')).toHaveProperty('error');
    expect(resultingAction('reversed', 'no_action', 'remove')).toEqual({ action: 'remove' });
    expect(resultingAction('reversed', 'no_action', undefined)).toHaveProperty('error');
    expect(resultingAction('modified', 'remove', 'label')).toEqual({ action: 'label' });
    expect(resultingAction('modified', 'remove', 'remove')).toHaveProperty('error');
    expect(resultingAction('modified', 'remove', 'no_action')).toHaveProperty('error');
  });

  it('counts a reversal of an action as a reinstatement, and nothing else', () => {
    expect(isReinstatement('reversed', 'remove')).toBe(true);
    expect(isReinstatement('reversed', 'label')).toBe(true);
    expect(isReinstatement('reversed', 'no_action')).toBe(false);
    expect(isReinstatement('modified', 'remove')).toBe(false);
    expect(isReinstatement('upheld', 'remove')).toBe(false);
  });
});

describe('deadlines', () => {
  it('makes an appeal due fourteen days after filing', () => {
    expect(appealDueAt(new Date('2026-01-01T12:00:00Z')).toISOString()).toBe(
      '2026-01-15T12:00:00.000Z',
    );
  });
});
