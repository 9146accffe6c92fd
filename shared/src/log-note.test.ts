import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  NoteError,
  formatVerifierKey,
  generateNoteKey,
  noteKeyHash,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './log-note';

// The reference vector of golang.org/x/mod/sumdb/note (note_test.go, TestSign / TestOpen): the
// PeterNeumann key pair and its published signature. Ed25519 is deterministic (RFC 8032), so our
// signer must reproduce Go's note byte for byte.
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const code = (c: string) => expect.objectContaining({ name: 'NoteError', code: c });

describe('signed notes: the Go reference vector', () => {
  it('derives the published verifier key from the signer key', async () => {
    const signer = await parseSignerKey(SKEY);
    expect(await formatVerifierKey(signer.name, signer.publicKey)).toBe(VKEY);
    expect(signer.keyHash).toBe(0xc74f20a3);
  });

  it('signs the text exactly as Go does, and opens Go’s note', async () => {
    expect(await signNote(TEXT, await parseSignerKey(SKEY))).toBe(NOTE);
    expect(await openNote(NOTE, await parseVerifierKey(VKEY))).toBe(TEXT);
  });

  it('refuses a changed text, a changed signature and a missing signature', async () => {
    const v = await parseVerifierKey(VKEY);
    await expect(openNote(NOTE.replace('cryptography', 'cryptographY'), v)).rejects.toEqual(
      code('bad_signature'),
    );
    await expect(openNote(NOTE.replace('LLr8', 'LLr9'), v)).rejects.toEqual(code('bad_signature'));
    const other = await generateNoteKey('PeterNeumann');
    await expect(openNote(NOTE, await parseVerifierKey(other.verifierKey))).rejects.toEqual(
      code('unknown_key'),
    );
  });

  it('ignores signatures by other keys but still needs one by the verifier', async () => {
    const other = await parseSignerKey((await generateNoteKey('Other')).signerKey);
    const cosigned = NOTE + (await signNote(TEXT, other)).slice(TEXT.length + 1);
    expect(await openNote(cosigned, await parseVerifierKey(VKEY))).toBe(TEXT);
    expect(await openNote(cosigned, other)).toBe(TEXT);
  });

  it.each([
    ['no blank line', TEXT],
    ['no final newline', NOTE.slice(0, -1)],
    ['wrong dash', NOTE.replace('—', '-')],
    ['signature not base64', NOTE.replace('x08go', 'x08g!')],
    ['extra field', NOTE.replace('AM=\n', 'AM= x\n')],
  ])('refuses a malformed note: %s', async (_, note) => {
    await expect(openNote(note, await parseVerifierKey(VKEY))).rejects.toEqual(
      code('malformed_note'),
    );
  });

  it('refuses every mangling of the verifier key (as Go’s TestNewVerifier does)', async () => {
    for (let i = 0; i < VKEY.length; i++) {
      const mangled =
        VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1);
      await expect(parseVerifierKey(mangled), mangled).rejects.toBeInstanceOf(NoteError);
    }
    for (const cut of [
      VKEY.slice(1),
      VKEY.slice(0, -1),
      `${VKEY}+x`,
      'PeterNeumann+c74f20a3',
      '',
    ]) {
      await expect(parseVerifierKey(cut), cut).rejects.toEqual(code('malformed_key'));
    }
    await expect(parseSignerKey(VKEY)).rejects.toEqual(code('malformed_key'));
  });
});

describe('signed notes: cross-checked with Node’s own Ed25519 (node:crypto)', () => {
  it('a note signed by node:crypto opens with our verifier, and ours verifies with node:crypto', async () => {
    const keys = await generateNoteKey('counterweight.example/log');
    const signer = await parseSignerKey(keys.signerKey);
    const seed = Buffer.from(keys.signerKey.split('+').slice(4).join('+'), 'base64').subarray(1);
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const nodeKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(nodeKey).export({ format: 'der', type: 'spki' });
    expect(Buffer.from(spki.subarray(-32))).toEqual(Buffer.from(signer.publicKey));

    // Key hash computed independently: SHA-256("<name>\n" ‖ 0x01 ‖ key)[0:4].
    const hash = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from('counterweight.example/log\n'),
          Buffer.from([1]),
          spki.subarray(-32),
        ]),
      )
      .digest()
      .readUInt32BE(0);
    expect(await noteKeyHash(signer.name, signer.publicKey)).toBe(hash);

    const text = 'counterweight.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const sig = sign(null, Buffer.from(text), nodeKey);
    const tag = Buffer.alloc(4);
    tag.writeUInt32BE(hash);
    const nodeNote = `${text}\n— ${signer.name} ${Buffer.concat([tag, sig]).toString('base64')}\n`;
    expect(await openNote(nodeNote, await parseVerifierKey(keys.verifierKey))).toBe(text);
    expect(await signNote(text, signer)).toBe(nodeNote);

    const ours = await signNote(text, signer);
    const blob = Buffer.from(ours.trimEnd().split(' ').pop()!, 'base64');
    expect(verify(null, Buffer.from(text), createPublicKey(nodeKey), blob.subarray(4))).toBe(true);
  });

  it('refuses to sign text that does not end in a newline or has a blank line', async () => {
    const signer = await parseSignerKey(SKEY);
    await expect(signNote('no newline', signer)).rejects.toEqual(code('malformed_note'));
    await expect(signNote('a\n\nb\n', signer)).rejects.toEqual(code('malformed_note'));
    await expect(generateNoteKey('bad name')).rejects.toEqual(code('malformed_key'));
  });
});
