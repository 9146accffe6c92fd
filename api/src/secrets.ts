import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key of the log's actor pseudonyms: `COUNTERWEIGHT_PSEUDONYM_KEY` (64 hex) when set, else
 * `<dataDir>/pseudonym.key`, generated (32 random bytes, mode 0600) on first use. Losing it only
 * means new pseudonyms no longer match old ones.
 */
export function loadPseudonymKey(dataDir: string, fromEnv?: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  const file = join(dataDir, 'pseudonym.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
