import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../outbox/outbox-entry';
import { isPermanentRefusal, reportStatuses } from '../flag-status';
import { permissionsOf } from '../permissions';

let n = 0;
function entry(excerpt: string, over: Partial<OutboxEntry> & Record<string, unknown> = {}) {
  return {
    key: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    kind: 'report',
    path: '/v1/reports',
    body: { content: { excerpt } },
    summary: { title: excerpt, site: 'forum.example' },
    createdAt: '2026-12-07T01:00:00.000Z',
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    receipt: null,
    refusal: null,
    sentAt: null,
    screenshotSha256: null,
    ...over,
  } as OutboxEntry;
}

describe('reportStatuses', () => {
  it('queued until acknowledged, then reported with the case number, then the decision', () => {
    const statuses = reportStatuses([
      entry('a'),
      entry('b', { state: 'sending' }),
      entry('c', { state: 'sent', receipt: { id: 'r1', reference: 'CW-000007' } }),
      entry('d', {
        state: 'sent',
        receipt: { id: 'r2', reference: 'CW-000008' },
        progress: { state: 'decided', action: 'visibility_restriction', checkedAt: 'x' },
      }),
    ]);
    expect(statuses.get('a')).toEqual({ state: 'queued' });
    expect(statuses.get('b')).toEqual({ state: 'queued' });
    expect(statuses.get('c')).toEqual({
      state: 'reported',
      reference: 'CW-000007',
      decision: null,
    });
    expect(statuses.get('d')).toEqual({
      state: 'reported',
      reference: 'CW-000008',
      decision: 'decided: visibility restriction',
    });
  });

  it('ignores a progress field of the wrong shape, and targets', () => {
    const statuses = reportStatuses([
      entry('e', { state: 'sent', receipt: { id: 'r', reference: 'CW-9' }, progress: 'decided' }),
      entry('f', { kind: 'target' }),
    ]);
    expect(statuses.get('e')).toMatchObject({ decision: null });
    expect(statuses.has('f')).toBe(false);
  });

  it('a refusal carries the status and the API reason', () => {
    const statuses = reportStatuses([
      entry('g', {
        state: 'refused',
        refusal: { status: 403, code: 'forbidden', message: 'role cso may not', issues: [] },
      }),
    ]);
    expect(statuses.get('g')).toEqual({
      state: 'refused',
      status: 403,
      message: 'role cso may not',
    });
  });
});

describe('isPermanentRefusal', () => {
  it('is every 4xx but 408, 425 and 429', () => {
    expect([400, 403, 404, 409, 413, 422].every(isPermanentRefusal)).toBe(true);
    expect([408, 425, 429, 500, 503, 200].some(isPermanentRefusal)).toBe(false);
  });
});

describe('permissionsOf', () => {
  it('reviewers report, CSO teams mark targets, auditors and admins see flags only', () => {
    expect(permissionsOf({ role: 'reviewer' })).toEqual({ report: true, markTargets: false });
    expect(permissionsOf({ role: 'senior_reviewer' })).toEqual({
      report: true,
      markTargets: false,
    });
    expect(permissionsOf({ role: 'cso' })).toEqual({ report: false, markTargets: true });
    expect(permissionsOf({ role: 'auditor' })).toEqual({ report: false, markTargets: false });
    expect(permissionsOf({ role: 'admin' })).toEqual({ report: false, markTargets: false });
    expect(permissionsOf(null)).toEqual({ report: true, markTargets: false });
  });
});
