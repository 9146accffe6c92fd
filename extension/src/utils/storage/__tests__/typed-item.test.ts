import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { z } from 'zod';
import { settingsItem } from '../items';
import { typedItem } from '../typed-item';

describe('typed storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the fallback, then what was written, and tells watchers', async () => {
    expect(await settingsItem.get()).toEqual(settingsItem.fallback);
    const seen: boolean[] = [];
    const unwatch = settingsItem.watch((s) => seen.push(s.paused));
    await settingsItem.update((s) => ({ ...s, paused: true }));
    expect((await settingsItem.get()).paused).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([true]);
    unwatch();
  });

  it('refuses to write or read a value that does not match the schema', async () => {
    const item = typedItem('local:t1', z.strictObject({ n: z.number() }), { n: 0 });
    await expect(item.set({ n: 'x' } as never)).rejects.toThrow(/does not match/);
    await fakeBrowser.storage.local.set({ t1: { n: 'corrupt' } });
    await expect(item.get()).rejects.toThrow(/local:t1 does not match its schema/);
  });

  it('migrates an older version on read', async () => {
    await fakeBrowser.storage.local.set({ t2: { count: 3 }, t2$: { v: 1 } });
    const item = typedItem('local:t2', z.strictObject({ total: z.number() }), { total: 0 }, 2, {
      2: (old) => ({ total: (old as { count: number }).count }),
    });
    await item.get(); // the first read runs the migration in the background
    await new Promise((r) => setTimeout(r, 20));
    expect(await item.get()).toEqual({ total: 3 });
  });
});
