import { createHmac } from 'node:crypto';
import { Pseudonym } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { pseudonymOf } from './pseudonym';

describe('pseudonymOf', () => {
  it('is p_ + the first 16 hex of HMAC-SHA256(key, token id), stable and key-dependent', () => {
    const key = Buffer.alloc(32, 1);
    const id = '3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10';
    const expected = `p_${createHmac('sha256', key).update(id).digest('hex').slice(0, 16)}`;
    expect(pseudonymOf(key, id)).toBe(expected);
    expect(pseudonymOf(key, id)).toBe(expected);
    expect(Pseudonym.safeParse(expected).success).toBe(true);
    expect(pseudonymOf(Buffer.alloc(32, 2), id)).not.toBe(expected);
    expect(pseudonymOf(key, '00000000-0000-4000-8000-000000000000')).not.toBe(expected);
  });
});
