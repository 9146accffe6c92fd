import { describe, expect, it } from 'vitest';
import { PINNED_KEY, pinnedKey, rememberKey } from './pinned-key';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('the pinned verifier key', () => {
  it('is empty until the auditor pins one, and forgotten when they unpin', () => {
    const storage = memoryStorage();
    expect(pinnedKey(storage)).toBe('');
    rememberKey(storage, 'log.example+0a1b2c3d+AQID', true);
    expect(storage.items.get(PINNED_KEY)).toBe('log.example+0a1b2c3d+AQID');
    expect(pinnedKey(storage)).toBe('log.example+0a1b2c3d+AQID');
    rememberKey(storage, 'log.example+0a1b2c3d+AQID', false);
    expect(pinnedKey(storage)).toBe('');
  });

  it('reads as empty when the browser refuses storage', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(pinnedKey(refusing)).toBe('');
  });
});
