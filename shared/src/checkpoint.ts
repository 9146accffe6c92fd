/**
 * Log checkpoints per C2SP tlog-checkpoint: the body `<origin>\n<tree size>\n<root, base64>\n`
 * (plus optional extension lines), published as a signed note (see `log-note.ts`). Anyone with
 * the log's verifier key can open one; the server signs with its private key.
 */
import { fromBase64, toBase64 } from './log-bytes';
import { HASH_SIZE } from './merkle';
import {
  NoteError,
  openNote,
  parseVerifierKey,
  signNote,
  type NoteSigner,
  type NoteVerifier,
} from './log-note';

/** What a checkpoint commits to. `size` stays below 2^53. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Optional extension lines after the root hash (none are written by Counterweight). */
  extensions: string[];
}

/** Formats the checkpoint body (the text that gets signed). */
export function formatCheckpoint(
  checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: string[] },
): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (!origin || origin.includes('\n'))
    throw new NoteError('malformed_note', 'origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0)
    throw new NoteError('malformed_note', `invalid tree size ${size}`);
  if (rootHash.length !== HASH_SIZE)
    throw new NoteError('malformed_note', 'root hash must be 32 bytes');
  for (const line of extensions) {
    if (!line || line.includes('\n'))
      throw new NoteError('malformed_note', 'extension lines must be non-empty');
  }
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint body; throws `NoteError('malformed_note')` naming what is wrong. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n'))
    throw new NoteError('malformed_note', 'checkpoint must end in a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin) throw new NoteError('malformed_note', 'checkpoint has no origin line');
  if (
    size === undefined ||
    !/^(0|[1-9][0-9]*)$/.test(size) ||
    !Number.isSafeInteger(Number(size))
  ) {
    throw new NoteError(
      'malformed_note',
      'checkpoint tree size must be a decimal integer below 2^53',
    );
  }
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(root ?? '');
  } catch {
    throw new NoteError('malformed_note', 'checkpoint root hash is not base64');
  }
  if (rootHash.length !== HASH_SIZE)
    throw new NoteError('malformed_note', 'checkpoint root hash must be 32 bytes');
  if (extensions.some((l) => l === ''))
    throw new NoteError('malformed_note', 'checkpoint has an empty line');
  return { origin, size: Number(size), rootHash, extensions };
}

/** Signs a checkpoint and returns the signed note served at `GET /v1/log/checkpoint`. */
export async function signCheckpoint(
  checkpoint: Omit<Checkpoint, 'extensions'>,
  signer: NoteSigner,
): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), signer);
}

/**
 * Opens a signed checkpoint with the log's verifier (or verifier key string): checks the
 * signature, parses the body and, when `origin` is given, checks it. Throws `NoteError`.
 */
export async function openCheckpoint(
  note: string,
  verifier: NoteVerifier | string,
  origin?: string,
): Promise<Checkpoint> {
  const key = typeof verifier === 'string' ? await parseVerifierKey(verifier) : verifier;
  const checkpoint = parseCheckpoint(await openNote(note, key));
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new NoteError(
      'malformed_note',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`,
    );
  }
  return checkpoint;
}
