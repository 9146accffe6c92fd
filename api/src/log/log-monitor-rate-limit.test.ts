import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { monitorLog } from './log-monitor';
import { testLogEntry } from './test-log-entry';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.deps.sequencer.write(async (_tx, add) => {
    for (let i = 0; i < 2500; i++) add(testLogEntry(i));
  });
  await t.deps.log.waitForCheckpoint(2500);
});
afterAll(async () => {
  await t?.close();
});

describe('a monitor behind the public rate limit', () => {
  it('waits as each 429 tells, retries, and verifies the whole log', async () => {
    let refused = 0;
    const seen = new Set<string>();
    // Every path is refused once with Retry-After: 0, as a throttled anonymous client would be.
    const throttled: typeof fetch = async (input) => {
      const url = new URL(String(input));
      const path = url.pathname + url.search;
      if (!seen.has(path)) {
        seen.add(path);
        refused++;
        return new Response('{"code":"rate_limited"}', {
          status: 429,
          headers: { 'retry-after': '0' },
        });
      }
      return t.app.request(path);
    };
    const result = await monitorLog({ baseUrl: 'http://log.test', fetch: throttled, threads: 1 });
    expect(result.checkpoint.size).toBe(2500);
    expect(refused).toBeGreaterThanOrEqual(4); // checkpoint, key and three entry pages at least
  });

  it('still fails on an answer that is not a 429', async () => {
    const broken: typeof fetch = async () => new Response('nope', { status: 500 });
    await expect(monitorLog({ baseUrl: 'http://log.test', fetch: broken })).rejects.toThrow(/500/);
  });
});
