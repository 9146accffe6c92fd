import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_ID, EXTENSION_ID, EXTENSION_MANIFEST_KEY } from './extension-id';

describe('EXTENSION_ID', () => {
  it('is the Chromium id of the manifest key', () => {
    const der = Buffer.from(EXTENSION_MANIFEST_KEY, 'base64');
    const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)]
      .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
      .join('');
    expect(id).toBe(EXTENSION_ID);
    expect(CHROMIUM_EXTENSION_ID.test(EXTENSION_ID)).toBe(true);
  });
});
