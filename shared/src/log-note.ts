/**
 * Signed notes (C2SP signed-note, golang.org/x/mod/sumdb/note) with Ed25519 on WebCrypto: the
 * envelope of every log checkpoint. A note is `text` (UTF-8, ending in a newline), a blank line,
 * then one line per signature: `— <key name> <base64(4-byte key hash ‖ Ed25519 signature)>`.
 *
 * Key strings are Go's: verifier `<name>+<key hash, 8 hex>+<base64(0x01 ‖ public key)>`, signer
 * `PRIVATE+KEY+<name>+<key hash>+<base64(0x01 ‖ 32-byte seed)>`.
 */
import { concatBytes, fromBase64, toBase64 } from './log-bytes';

export type NoteErrorCode = 'malformed_key' | 'malformed_note' | 'unknown_key' | 'bad_signature';

/** Why a key or a note was refused. */
export class NoteError extends Error {
  override readonly name = 'NoteError';
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A parsed verifier key: who signs, the 4-byte key hash that tags signatures, the public key. */
export interface NoteVerifier {
  name: string;
  keyHash: number;
  publicKey: Uint8Array;
}

/** A signer: the verifier half plus the WebCrypto private key. */
export interface NoteSigner extends NoteVerifier {
  privateKey: CryptoKey;
}

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
// PKCS #8 DER prefix of an Ed25519 private key (RFC 8410), followed by the 32-byte seed.
const PKCS8_ED25519 = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const encoder = new TextEncoder();

/** A key name is non-empty, has no whitespace and no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** The key hash: the first 4 bytes (big-endian) of SHA-256(`<name>\n` ‖ 0x01 ‖ public key). */
export async function noteKeyHash(name: string, publicKey: Uint8Array): Promise<number> {
  const input = concatBytes(encoder.encode(`${name}\n`), new Uint8Array([ED25519]), publicKey);
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', input as Uint8Array<ArrayBuffer>),
  );
  return new DataView(digest.buffer).getUint32(0);
}

/** Formats the verifier key string `<name>+<hash>+<base64(0x01 ‖ public key)>`. */
export async function formatVerifierKey(name: string, publicKey: Uint8Array): Promise<string> {
  const hash = await noteKeyHash(name, publicKey);
  return `${name}+${hex8(hash)}+${toBase64(concatBytes(new Uint8Array([ED25519]), publicKey))}`;
}

/** Parses and checks a verifier key string; throws `NoteError('malformed_key')`. */
export async function parseVerifierKey(vkey: string): Promise<NoteVerifier> {
  const [name, hash, key] = splitKey(vkey, 3);
  const { keyHash, material } = await checkKeyParts(name, hash, key);
  return { name: name!, keyHash, publicKey: material };
}

/** Parses a signer key string and derives its public key; throws `NoteError('malformed_key')`. */
export async function parseSignerKey(skey: string): Promise<NoteSigner> {
  const [p, k, name, hash, key] = splitKey(skey, 5);
  if (p !== 'PRIVATE' || k !== 'KEY')
    throw new NoteError('malformed_key', 'signer key must start with PRIVATE+KEY+');
  const { keyHash, material: seed } = await checkKeyParts(name, hash, key, false);
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    concatBytes(PKCS8_ED25519, seed) as Uint8Array<ArrayBuffer>,
    { name: 'Ed25519' },
    true,
    ['sign'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = fromBase64Url(jwk.x ?? '');
  if ((await noteKeyHash(name!, publicKey)) !== keyHash) {
    throw new NoteError('malformed_key', 'signer key hash does not match its key');
  }
  return { name: name!, keyHash, publicKey, privateKey };
}

/** Generates a new Ed25519 signer; returns both key strings (keep `signerKey` secret). */
export async function generateNoteKey(
  name: string,
): Promise<{ signerKey: string; verifierKey: string }> {
  if (!isValidKeyName(name))
    throw new NoteError('malformed_key', `invalid key name ${JSON.stringify(name)}`);
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const seed = pkcs8.subarray(pkcs8.length - 32);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const hash = hex8(await noteKeyHash(name, publicKey));
  const material = toBase64(concatBytes(new Uint8Array([ED25519]), seed));
  return {
    signerKey: `PRIVATE+KEY+${name}+${hash}+${material}`,
    verifierKey: await formatVerifierKey(name, publicKey),
  };
}

/** Signs `text` (which must end in a newline) and returns the note with one signature. */
export async function signNote(text: string, signer: NoteSigner): Promise<string> {
  checkText(text);
  const signature = new Uint8Array(
    await crypto.subtle.sign(
      'Ed25519',
      signer.privateKey,
      encoder.encode(text) as Uint8Array<ArrayBuffer>,
    ),
  );
  const tag = new Uint8Array(4);
  new DataView(tag.buffer).setUint32(0, signer.keyHash);
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${toBase64(concatBytes(tag, signature))}\n`;
}

/**
 * Opens a signed note: finds the signature by `verifier` (same name and key hash), checks it and
 * returns the signed text. Signatures by other keys are ignored. Throws `NoteError`:
 * `malformed_note`, `unknown_key` (no signature by this key) or `bad_signature`.
 */
export async function openNote(note: string, verifier: NoteVerifier): Promise<string> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed_note', 'no blank line before the signatures');
  const text = note.slice(0, split + 1);
  checkText(text);
  const lines = note.slice(split + 2);
  if (!lines.endsWith('\n'))
    throw new NoteError('malformed_note', 'signature block does not end in a newline');
  let found = false;
  for (const line of lines.slice(0, -1).split('\n')) {
    if (!line.startsWith(SIGNATURE_PREFIX))
      throw new NoteError('malformed_note', 'signature line must start with "— "');
    const [name, blob, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (!name || !isValidKeyName(name) || !blob || rest.length > 0) {
      throw new NoteError('malformed_note', 'signature line must be "— <name> <base64>"');
    }
    const bytes = decodeBase64(blob, 'malformed_note', 'signature is not base64');
    if (bytes.length < 5) throw new NoteError('malformed_note', 'signature too short');
    const hash = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
    if (name !== verifier.name || hash !== verifier.keyHash) continue;
    found = true;
    const key = await crypto.subtle.importKey(
      'raw',
      verifier.publicKey as Uint8Array<ArrayBuffer>,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    const ok =
      bytes.length === 68 &&
      (await crypto.subtle.verify(
        'Ed25519',
        key,
        bytes.subarray(4) as Uint8Array<ArrayBuffer>,
        encoder.encode(text) as Uint8Array<ArrayBuffer>,
      ));
    if (!ok) throw new NoteError('bad_signature', `signature by ${name} does not verify`);
  }
  if (!found)
    throw new NoteError(
      'unknown_key',
      `note has no signature by ${verifier.name}+${hex8(verifier.keyHash)}`,
    );
  return text;
}

async function checkKeyParts(
  name: string | undefined,
  hash: string | undefined,
  key: string | undefined,
  checkHash = true,
): Promise<{ keyHash: number; material: Uint8Array }> {
  if (!name || !isValidKeyName(name) || !hash || !key || !/^[0-9a-f]{8}$/.test(hash)) {
    throw new NoteError('malformed_key', 'key must be <name>+<8 hex>+<base64>');
  }
  const bytes = decodeBase64(key, 'malformed_key', 'key material is not base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519) {
    throw new NoteError(
      'malformed_key',
      'key material must be 0x01 followed by 32 bytes (Ed25519)',
    );
  }
  const keyHash = parseInt(hash, 16);
  const material = bytes.slice(1);
  if (checkHash && (await noteKeyHash(name, material)) !== keyHash) {
    throw new NoteError('malformed_key', 'key hash does not match the key');
  }
  return { keyHash, material };
}

/** Splits at the first `parts - 1` plus signs: base64 key material may itself contain `+`. */
function splitKey(key: string, parts: number): (string | undefined)[] {
  const out: string[] = [];
  let rest = key;
  for (let i = 1; i < parts; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return out;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

function checkText(text: string): void {
  if (!text.endsWith('\n'))
    throw new NoteError('malformed_note', 'note text must end in a newline');
  if (text.includes('\n\n') || text.startsWith('\n'))
    throw new NoteError('malformed_note', 'note text has a blank line');
}

function decodeBase64(text: string, code: NoteErrorCode, message: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    throw new NoteError(code, message);
  }
}

function fromBase64Url(text: string): Uint8Array {
  const std = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(std.padEnd(Math.ceil(std.length / 4) * 4, '='));
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
