import { openCheckpoint, parseSignerKey, signCheckpoint } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { loadLogKey } from '../log/log-key';
import { logKeyCli } from './log-key';

describe('pnpm log-key', () => {
  it('prints a signer key the server accepts as COUNTERWEIGHT_LOG_KEY, and its verifier key', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await logKeyCli(['shared.example/log'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^PRIVATE\+KEY\+shared\.example\/log\+[0-9a-f]{8}\+/);
    const key = await loadLogKey({ origin: 'shared.example/log', signerKey: out[0] });
    expect(err.join('\n')).toContain(key.verifierKey);
    const note = await signCheckpoint(
      { origin: 'shared.example/log', size: 0, rootHash: new Uint8Array(32) },
      await parseSignerKey(out[0]!),
    );
    expect((await openCheckpoint(note, key.verifierKey)).size).toBe(0);
  });

  it('refuses a missing or invalid origin with the usage (exit 2)', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l) };
    expect(await logKeyCli([], io)).toBe(2);
    expect(await logKeyCli(['bad name with spaces'], io)).toBe(2);
    expect(err.join('\n')).toContain('usage: pnpm --silent --filter @counterweight/api log-key');
  });
});
