import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { outboxItem } from '../../storage/items';
import type { DeliveryOutcome } from '../outbox';
import type { OutboxEntry } from '../outbox-entry';
import { OutboxRunner } from '../outbox-runner';

function runner(outcomes: DeliveryOutcome[], clock: { t: number }) {
  const calls: { key: string; state: string }[] = [];
  const wakes: number[] = [];
  let n = 0;
  const r = new OutboxRunner({
    outbox: outboxItem,
    connection: async () => ({ apiBaseUrl: 'http://127.0.0.1:9', token: 't' }),
    deliver: async (entry: OutboxEntry) => {
      calls.push({
        key: entry.key,
        state: (await outboxItem.get()).find((e) => e.key === entry.key)!.state,
      });
      return outcomes.shift() ?? { type: 'retry', reason: 'down' };
    },
    wakeAt: (when) => wakes.push(when),
    now: () => clock.t,
    random: () => 0.5,
    newKey: () => `00000000-0000-4000-8000-00000000000${n++}`,
  });
  return { r, calls, wakes };
}

const input = {
  kind: 'report' as const,
  path: '/v1/reports',
  body: { b: 1 },
  summary: { title: 't', site: 's' },
  screenshotSha256: null,
};

describe('OutboxRunner', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores the entry before answering, marks it sending during the attempt, then sent', async () => {
    const clock = { t: 1_000 };
    const { r, calls } = runner(
      [{ type: 'acknowledged', receipt: { id: 'i', reference: 'CW-9' } }],
      clock,
    );
    const key = await r.enqueue(input);
    await r.flush();
    expect(calls).toEqual([{ key, state: 'sending' }]);
    expect(await outboxItem.get()).toMatchObject([
      { key, state: 'sent', receipt: { reference: 'CW-9' }, attempts: 1 },
    ]);
  });

  it('retries with backoff and the same key until acknowledged; concurrent flushes send once', async () => {
    const clock = { t: 0 };
    const { r, calls, wakes } = runner(
      [
        { type: 'retry', reason: 'down' },
        { type: 'acknowledged', receipt: { id: 'i', reference: 'CW-1' } },
      ],
      clock,
    );
    const key = await r.enqueue(input);
    await Promise.all([r.flush(), r.flush(), r.flush()]);
    expect(calls).toHaveLength(1);
    expect(wakes.at(-1)).toBe(2_000);
    clock.t = 1_999;
    await r.flush();
    expect(calls).toHaveLength(1);
    clock.t = 2_000;
    await Promise.all([r.flush(), r.flush()]);
    expect(calls.map((c) => c.key)).toEqual([key, key]);
    expect((await outboxItem.get())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a reviewer retry requeues a refused entry with its key; sent entries can be removed, queued cannot', async () => {
    const clock = { t: 0 };
    const refusal = { status: 401, code: 'unauthorized', message: 'bad token', issues: [] };
    const { r, calls } = runner(
      [
        { type: 'refused', refusal },
        { type: 'acknowledged', receipt: { id: 'i', reference: 'CW-2' } },
      ],
      clock,
    );
    const key = await r.enqueue(input);
    await r.flush();
    expect((await outboxItem.get())[0]).toMatchObject({ state: 'refused', refusal });
    await r.retry(key);
    expect(calls.map((c) => c.key)).toEqual([key, key]);
    expect((await outboxItem.get())[0]).toMatchObject({ state: 'sent' });
    const other = await r.enqueue(input);
    await r.remove(other);
    await r.remove(key);
    expect((await outboxItem.get()).map((e) => e.key)).toEqual([other]);
  });
});
