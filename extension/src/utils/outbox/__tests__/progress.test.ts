import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { outboxItem } from '../../storage/items';
import type { OutboxEntry } from '../outbox-entry';
import { OutboxRunner } from '../outbox-runner';
import { fetchProgress, progressDueAt, type ProgressLine } from '../progress';

const SENT_AT = Date.parse('2026-12-01T10:00:00Z');
const sent = (patch: Partial<OutboxEntry> = {}): OutboxEntry => ({
  key: '00000000-0000-4000-8000-000000000001',
  kind: 'report',
  path: '/v1/reports',
  body: { b: 1 },
  summary: { title: 't', site: 's' },
  createdAt: new Date(SENT_AT).toISOString(),
  state: 'sent',
  attempts: 1,
  nextAttemptAt: SENT_AT,
  lastError: null,
  receipt: { id: '3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10', reference: 'CW-000001' },
  refusal: null,
  sentAt: new Date(SENT_AT).toISOString(),
  screenshotSha256: null,
  ...patch,
});

describe('progress checks of sent reports', () => {
  beforeEach(() => fakeBrowser.reset());

  it('backs off as the report ages: a minute at first, a quarter of its age, at most six hours', () => {
    expect(progressDueAt(sent())).toBe(SENT_AT + 60_000);
    const askedAfter = (ms: number) =>
      progressDueAt(sent({ progressAskedAt: new Date(SENT_AT + ms).toISOString() }))! -
      (SENT_AT + ms);
    expect(askedAfter(2 * 3_600_000)).toBe(30 * 60_000);
    expect(askedAfter(10 * 86_400_000)).toBe(6 * 3_600_000);
    const final = sent({
      progress: { state: 'appeal_decided', action: 'no_action', checkedAt: '2026-12-02T00:00:00Z' },
    });
    expect(progressDueAt(final)).toBeNull();
    expect(progressDueAt(sent({ state: 'queued', sentAt: null }))).toBeNull();
    expect(progressDueAt(sent({ kind: 'target' }))).toBeNull();
  });

  it('asks with the report ids only, stores the answer on the entry, and schedules the next check', async () => {
    await outboxItem.set([sent()]);
    const asked: string[][] = [];
    const wakes: number[] = [];
    let answer: ProgressLine[] | null = [
      {
        id: '3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10',
        state: 'decided',
        action: 'remove',
        statementUrl: '/v1/decisions/d1/statement',
      },
    ];
    const clock = { t: SENT_AT + 2 * 3_600_000 };
    const r = new OutboxRunner({
      outbox: outboxItem,
      connection: async () => ({ apiBaseUrl: 'https://api.example', token: 't' }),
      deliver: async () => ({ type: 'retry', reason: 'unused' }),
      wakeAt: (when) => wakes.push(when),
      now: () => clock.t,
      fetchProgress: async (ids) => {
        asked.push([...ids]);
        return answer;
      },
    });
    await r.flush();
    expect(asked).toEqual([['3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10']]);
    const [entry] = await outboxItem.get();
    expect(entry!.progress).toEqual({
      state: 'decided',
      action: 'remove',
      statementUrl: 'https://api.example/v1/decisions/d1/statement',
      checkedAt: new Date(clock.t).toISOString(),
    });
    expect(wakes.at(-1)).toBe(clock.t + 30 * 60_000);

    // not due yet: no request; the API down: the progress stays, asked again later
    await r.flush();
    expect(asked).toHaveLength(1);
    clock.t += 31 * 60_000;
    answer = null;
    await r.flush();
    expect(asked).toHaveLength(2);
    const [after] = await outboxItem.get();
    expect(after!.progress?.state).toBe('decided');
    expect(after!.progressAskedAt).toBe(new Date(clock.t).toISOString());
  });

  it('posts the ids to /v1/reports/status with the token, and no page text', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fake = (async (url: URL, init: RequestInit) => {
      requests.push({ url: String(url), init });
      return new Response(
        JSON.stringify({ reports: [{ id: 'a', caseNumber: 'CW-000001', state: 'waiting' }] }),
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
        },
      );
    }) as unknown as typeof fetch;
    const lines = await fetchProgress(
      ['a'],
      { apiBaseUrl: 'https://api.example', token: 'tok' },
      fake,
    );
    expect(lines).toEqual([{ id: 'a', state: 'waiting' }]);
    expect(requests[0]!.url).toBe('https://api.example/v1/reports/status');
    expect(requests[0]!.init.body).toBe('{"ids":["a"]}');
    expect((requests[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });
});
