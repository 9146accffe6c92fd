import { createHash } from 'node:crypto';
import type { LogEntry } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { EncodedLogEntry, LogEntryTemplate, encodeLogEntry, leafHash } from './sequence';

const entry: LogEntry = {
  v: 1,
  type: 'report_received',
  at: '2026-11-22T14:00:00.000Z',
  reportId: '3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10',
  caseNumber: 'CW-000001',
  actor: 'p_0123456789abcdef',
  category: 'hate_speech',
  tcoType: null,
  action: null,
  ground: null,
  exemptionApplied: false,
  exemptions: [],
  automatedDetection: true,
  excerptSha256: 'a'.repeat(64),
  urlSha256: 'b'.repeat(64),
  details: { z: 1, a: 'é' },
};

describe('log entry encoding', () => {
  it('is RFC 8785 canonical JSON: sorted keys, no whitespace, UTF-8, independent of key order', () => {
    const text = encodeLogEntry(entry).toString('utf8');
    expect(text.startsWith('{"action":null,"actor":"p_0123456789abcdef","at":')).toBe(true);
    expect(text).toContain('"details":{"a":"é","z":1}');
    expect(text).not.toMatch(/\s(?=")/);
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as LogEntry;
    expect(encodeLogEntry(reversed).equals(encodeLogEntry(entry))).toBe(true);
  });

  it('hashes leaves as SHA-256(0x00 || bytes) (RFC 9162 §2.1.1)', () => {
    // RFC 6962 test vector: the leaf hash of the empty entry
    expect(leafHash(new Uint8Array()).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const data = encodeLogEntry(entry);
    expect(
      leafHash(data).equals(
        createHash('sha256')
          .update(Buffer.concat([Buffer.of(0), data]))
          .digest(),
      ),
    ).toBe(true);
  });

  it('a template filled in later gives the very bytes and leaf hash of the entry encoded whole', () => {
    const template = LogEntryTemplate.of({ ...entry, caseNumber: 'CW-?' }, 'CW-?')!;
    for (const caseNumber of ['CW-000001', 'CW-1234567', 'CW-"é\\']) {
      const whole = EncodedLogEntry.of({ ...entry, caseNumber });
      const filled = template.fill(caseNumber);
      expect(filled.jsonText).toBe(whole.jsonText);
      expect(filled.leafHex).toBe(whole.leafHex);
      expect(filled.leafHex).toBe(
        leafHash(encodeLogEntry({ ...entry, caseNumber })).toString('hex'),
      );
    }
    // a placeholder that is not found exactly once cannot be filled in safely
    expect(LogEntryTemplate.of({ ...entry, caseNumber: 'x', details: { a: 'x' } }, 'x')).toBeNull();
    expect(LogEntryTemplate.of(entry, 'CW-?')).toBeNull();
  });
});
