import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../md5';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('md5Hex', () => {
  it('gives the RFC 1321 test suite’s digests (appendix A.5)', () => {
    expect(md5Hex(ascii(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(ascii('a'))).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5Hex(ascii('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(ascii('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(
      md5Hex(
        ascii('12345678901234567890123456789012345678901234567890123456789012345678901234567890'),
      ),
    ).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('agrees with Node’s MD5 at every padding boundary and on a large binary input', () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(md5Hex(bytes), `${n} bytes`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
    const large = Uint8Array.from({ length: 300_001 }, (_, i) => (i * 2654435761) >>> 24);
    expect(md5Hex(large)).toBe(createHash('md5').update(large).digest('hex'));
  });
});
