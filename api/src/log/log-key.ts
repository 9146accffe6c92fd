import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatVerifierKey,
  generateNoteKey,
  parseSignerKey,
  type NoteSigner,
} from '@counterweight/shared';

/** File in the data directory holding the generated signer key (Go `PRIVATE+KEY+…` format). */
export const LOG_KEY_FILE = 'log-signing-key';

export interface LogKey {
  signer: NoteSigner;
  /** The verifier key string served at `GET /v1/log/key`. */
  verifierKey: string;
  /** Where the key came from, for the start-up log line. */
  source: 'configuration' | 'data-dir' | 'generated' | 'ephemeral';
}

/**
 * The log's Ed25519 signing key: `COUNTERWEIGHT_LOG_KEY` when set (a signer key string
 * `PRIVATE+KEY+<name>+<hash>+<base64>`, as `note.GenerateKey` writes it), else the key stored in
 * `<dataDir>/log-signing-key`, else a new key named after the log's origin, written there
 * (mode 0600) at first start. Without either (tests), a key kept in memory only. Throws when the configured or stored key is malformed.
 */
export async function loadLogKey(options: {
  dataDir?: string;
  signerKey?: string;
  origin: string;
}): Promise<LogKey> {
  if (!options.dataDir && !options.signerKey) {
    const signer = await parseSignerKey((await generateNoteKey(options.origin)).signerKey);
    return {
      signer,
      verifierKey: await formatVerifierKey(signer.name, signer.publicKey),
      source: 'ephemeral',
    };
  }
  const file = join(options.dataDir ?? '.', LOG_KEY_FILE);
  let source: LogKey['source'] = 'configuration';
  let signerKey = options.signerKey;
  if (!signerKey && existsSync(file)) {
    signerKey = readFileSync(file, 'utf8').trim();
    source = 'data-dir';
  }
  if (!signerKey) {
    signerKey = (await generateNoteKey(options.origin)).signerKey;
    mkdirSync(options.dataDir ?? '.', { recursive: true });
    // 'wx': never overwrite a key another process wrote meanwhile.
    writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
    source = 'generated';
  }
  let signer: NoteSigner;
  try {
    signer = await parseSignerKey(signerKey);
  } catch (error) {
    const where = source === 'configuration' ? 'COUNTERWEIGHT_LOG_KEY' : file;
    throw new Error(`${where}: not a valid Ed25519 signer key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { signer, verifierKey: await formatVerifierKey(signer.name, signer.publicKey), source };
}
