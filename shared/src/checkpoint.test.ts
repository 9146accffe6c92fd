import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint';
import { fromHex, toBase64 } from './log-bytes';
import { generateNoteKey, parseSignerKey } from './log-note';

const ROOT = fromHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
const code = (c: string) => expect.objectContaining({ name: 'NoteError', code: c });

describe('checkpoint body (C2SP tlog-checkpoint)', () => {
  it('formats origin, decimal size and base64 root, one per line', () => {
    expect(formatCheckpoint({ origin: 'example.org/log', size: 8, rootHash: ROOT })).toBe(
      'example.org/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n',
    );
  });

  it('parses what it formats, extension lines included', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.includes('\n')),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => !s.includes('\n')),
          { maxLength: 3 },
        ),
        (origin, size, rootHash, extensions) => {
          const parsed = parseCheckpoint(formatCheckpoint({ origin, size, rootHash, extensions }));
          expect(parsed).toEqual({ origin, size, rootHash, extensions });
        },
      ),
    );
  });

  it.each([
    ['no final newline', 'o\n1\n' + toBase64(ROOT)],
    ['empty origin', '\n1\n' + toBase64(ROOT) + '\n'],
    ['leading zero', 'o\n01\n' + toBase64(ROOT) + '\n'],
    ['negative size', 'o\n-1\n' + toBase64(ROOT) + '\n'],
    ['size beyond 2^53', 'o\n18446744073709551615\n' + toBase64(ROOT) + '\n'],
    ['short root', 'o\n1\n' + toBase64(ROOT.subarray(1)) + '\n'],
    ['root not base64', 'o\n1\n!!!!\n'],
    ['missing root', 'o\n1\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(code('malformed_note'));
  });
});

describe('signed checkpoints', () => {
  it('sign then open with the verifier key string, checking the origin', async () => {
    const keys = await generateNoteKey('example.org/log');
    const signer = await parseSignerKey(keys.signerKey);
    const note = await signCheckpoint(
      { origin: 'example.org/log', size: 8, rootHash: ROOT },
      signer,
    );
    expect(note).toMatch(
      /^example\.org\/log\n8\n[^\n]+\n\n— example\.org\/log [A-Za-z0-9+/]{91}=\n$/,
    );
    const opened = await openCheckpoint(note, keys.verifierKey, 'example.org/log');
    expect(opened.size).toBe(8);
    expect(opened.rootHash).toEqual(ROOT);
    await expect(openCheckpoint(note, keys.verifierKey, 'other.org/log')).rejects.toEqual(
      code('malformed_note'),
    );
  });

  it('refuses a checkpoint whose size or root was changed after signing', async () => {
    const keys = await generateNoteKey('example.org/log');
    const note = await signCheckpoint(
      { origin: 'example.org/log', size: 8, rootHash: ROOT },
      await parseSignerKey(keys.signerKey),
    );
    await expect(openCheckpoint(note.replace('\n8\n', '\n9\n'), keys.verifierKey)).rejects.toEqual(
      code('bad_signature'),
    );
    const other = await generateNoteKey('example.org/log');
    await expect(openCheckpoint(note, other.verifierKey)).rejects.toEqual(code('unknown_key'));
  });
});
