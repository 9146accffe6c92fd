import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateNoteKey,
  hashLeaf,
  openCheckpoint,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '@counterweight/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openTestDb, requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { LOG_KEY_FILE, loadLogKey, type LogKey } from './log-key';
import { nodeSha256 } from './node-sha256';
import { LogSequencer, encodeLogEntry } from './sequence';
import { testLogEntry } from './test-log-entry';
import { LogIntegrityError, TransparencyLog } from './transparency-log';

const ORIGIN = 'test.counterweight/log';

async function append(sequencer: LogSequencer, from: number, count: number): Promise<void> {
  await sequencer.write(async (_tx, add) => {
    for (let i = 0; i < count; i++) add(testLogEntry(from + i));
  });
}

requirePostgresOrWarn('transparency log');

describe.each(storesUnderTest())('transparency log on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let key: LogKey;
  const logs: TransparencyLog[] = [];

  beforeEach(async () => {
    ({ db, drop } = await openTestDb(kind));
    const dir = mkdtempSync(join(tmpdir(), 'cw-log-'));
    key = await loadLogKey({ dataDir: dir, origin: ORIGIN });
    rmSync(dir, { recursive: true });
  });
  afterEach(async () => {
    for (const log of logs.splice(0)) await log.close();
    await drop();
  });

  async function open(sequencer: LogSequencer): Promise<TransparencyLog> {
    const log = await TransparencyLog.open({
      db,
      sequencer,
      key,
      origin: ORIGIN,
      checkpointIntervalMs: 5,
    });
    logs.push(log);
    return log;
  }

  it('publishes a signed checkpoint of the empty tree at first start', async () => {
    const log = await open(await LogSequencer.open(db));
    const cp = await openCheckpoint(log.checkpoint, key.verifierKey, ORIGIN);
    expect(cp.size).toBe(0);
    expect(cp.rootHash).toEqual(await rootHash([]));
  });

  it('checkpoints each committed batch, and its root is the RFC 9162 root of the stored bytes', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 5);
    await append(sequencer, 5, 8);
    await log.waitForCheckpoint(13);
    const cp = await openCheckpoint(log.checkpoint, key.verifierKey, ORIGIN);
    expect(cp.size).toBe(13);
    const leaves = await Promise.all(
      Array.from({ length: 13 }, (_, i) => hashLeaf(encodeLogEntry(testLogEntry(i)))),
    );
    expect(cp.rootHash).toEqual(await rootHash(leaves));
    const stored = await db.query<{ size: string }>(
      'SELECT size::text AS size FROM log_checkpoints ORDER BY size',
    );
    expect(stored.map((r) => Number(r.size))).toContain(13);
  });

  it('serves proofs that verify with the shared (WebCrypto) functions', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 21);
    await log.waitForCheckpoint(21);
    const root7 = log.root(7);
    const root21 = log.root(21);
    for (const index of [0, 6, 13, 20]) {
      const [entry] = await log.entries(index, index + 1);
      await verifyInclusion(
        index,
        21,
        await hashLeaf(entry!.data),
        log.inclusionProof(index, 21),
        root21,
      );
    }
    await verifyConsistency(7, 21, log.consistencyProof(7, 21), root7, root21);
    expect(() => log.inclusionProof(0, 22)).toThrow(RangeError);
  });

  it('survives a restart: rebuilds the tree, keeps the last checkpoint, goes on appending', async () => {
    let sequencer = await LogSequencer.open(db);
    let log = await open(sequencer);
    // Checkpoints 9 and 13: the last one must be found by number, not as text ("9" > "13").
    await append(sequencer, 0, 9);
    await log.waitForCheckpoint(9);
    await append(sequencer, 9, 1);
    await log.waitForCheckpoint(10);
    const before = log.checkpoint;
    await log.close();
    sequencer = await LogSequencer.open(db);
    log = await open(sequencer);
    expect(log.checkpoint).toBe(before);
    await append(sequencer, 10, 3);
    await log.waitForCheckpoint(13);
    await log.close();
    log = await open(await LogSequencer.open(db));
    expect((await openCheckpoint(log.checkpoint, key.verifierKey)).size).toBe(13);
    const old = await openCheckpoint(before, key.verifierKey);
    const now = await openCheckpoint(log.checkpoint, key.verifierKey);
    await verifyConsistency(
      old.size,
      now.size,
      log.consistencyProof(old.size, now.size),
      old.rootHash,
      now.rootHash,
    );
  });

  it('publishes at start the entries committed after the last checkpoint (a crash between the two)', async () => {
    const sequencer = await LogSequencer.open(db);
    await append(sequencer, 0, 4); // no log listening: as if the process died before publishing
    const log = await open(await LogSequencer.open(db));
    expect((await openCheckpoint(log.checkpoint, key.verifierKey)).size).toBe(4);
  });

  it('refuses to open a log whose leaf hash was rewritten, naming the entry', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 6);
    await log.waitForCheckpoint(6);
    await log.close();
    logs.length = 0;
    // An attacker with database rights bypasses the append-only trigger.
    await db.exec('ALTER TABLE log_entries DISABLE TRIGGER log_entries_no_update_delete');
    await db.exec(
      `UPDATE log_entries SET leaf_hash = sha256('\\x00'::bytea || convert_to('forged', 'UTF8')) WHERE idx = 3`,
    );
    await expect(open(await LogSequencer.open(db))).rejects.toThrow(LogIntegrityError);
    await expect(open(await LogSequencer.open(db))).rejects.toThrow(
      /log entry 3 was altered: its stored bytes hash to [0-9a-f]{64}, not to its stored leaf hash/,
    );
  });

  it('refuses to open a log whose bytes were rewritten with the leaf hash kept, naming the entry', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 6);
    await log.waitForCheckpoint(6);
    await log.close();
    logs.length = 0;
    await db.exec('ALTER TABLE log_entries DISABLE TRIGGER log_entries_no_update_delete');
    await db.exec(
      `UPDATE log_entries SET data = convert_to(replace(convert_from(data, 'UTF8'), '"v":1', '"v":2'), 'UTF8') WHERE idx = 4`,
    );
    await expect(open(await LogSequencer.open(db))).rejects.toThrow(/log entry 4 was altered/);
  });

  it('refuses to open a log whose bytes and leaf hash were both rewritten (root ≠ last checkpoint)', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 6);
    await log.waitForCheckpoint(6);
    await log.close();
    logs.length = 0;
    await db.exec('ALTER TABLE log_entries DISABLE TRIGGER log_entries_no_update_delete');
    await db.exec(
      `UPDATE log_entries SET data = convert_to('forged', 'UTF8'),
         leaf_hash = sha256('\\x00'::bytea || convert_to('forged', 'UTF8')) WHERE idx = 3`,
    );
    await expect(open(await LogSequencer.open(db))).rejects.toThrow(
      /the log was altered; refusing to serve it/,
    );
  });

  it('refuses to open a log that lost entries its checkpoint covered', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 6);
    await log.waitForCheckpoint(6);
    await log.close();
    logs.length = 0;
    await db.exec('ALTER TABLE log_entries DISABLE TRIGGER log_entries_no_update_delete');
    await db.exec('DELETE FROM log_entries WHERE idx = 5');
    await expect(open(await LogSequencer.open(db))).rejects.toThrow(/entries were removed/);
  });

  it('detects served data that no longer hashes to its leaf', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 3);
    await log.waitForCheckpoint(3);
    await db.exec('ALTER TABLE log_entries DISABLE TRIGGER log_entries_no_update_delete');
    await db.exec(
      `UPDATE log_entries SET data = convert_to('{"forged":true}', 'UTF8') WHERE idx = 1`,
    );
    await expect(log.entries(0, 3)).rejects.toThrow(/entry 1 no longer matches/);
  });

  it('the database refuses to change or delete entries and checkpoints', async () => {
    const sequencer = await LogSequencer.open(db);
    const log = await open(sequencer);
    await append(sequencer, 0, 2);
    await log.waitForCheckpoint(2);
    await expect(db.exec('UPDATE log_entries SET data = data WHERE idx = 0')).rejects.toThrow(
      /append-only/,
    );
    await expect(db.exec('DELETE FROM log_checkpoints')).rejects.toThrow(/append-only/);
    await expect(db.exec('UPDATE log_checkpoints SET note = note')).rejects.toThrow(/append-only/);
  });
});

describe('log key', () => {
  it('is generated once into the data directory (mode 0600) and then reused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-key-'));
    try {
      const first = await loadLogKey({ dataDir: dir, origin: ORIGIN });
      expect(first.source).toBe('generated');
      expect(first.verifierKey).toMatch(/^test\.counterweight\/log\+[0-9a-f]{8}\+/);
      const second = await loadLogKey({ dataDir: dir, origin: ORIGIN });
      expect(second.source).toBe('data-dir');
      expect(second.verifierKey).toBe(first.verifierKey);
      expect(readFileSync(join(dir, LOG_KEY_FILE), 'utf8')).toMatch(/^PRIVATE\+KEY\+/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('comes from configuration when given, and a malformed one fails naming the variable', async () => {
    const { signerKey, verifierKey } = await generateNoteKey('configured/log');
    const dir = mkdtempSync(join(tmpdir(), 'cw-key-'));
    try {
      const key = await loadLogKey({ dataDir: dir, origin: ORIGIN, signerKey });
      expect(key).toMatchObject({ source: 'configuration', verifierKey });
      await expect(
        loadLogKey({ dataDir: dir, origin: ORIGIN, signerKey: 'PRIVATE+KEY+x+00000000+AAAA' }),
      ).rejects.toThrow(/COUNTERWEIGHT_LOG_KEY: not a valid Ed25519 signer key/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

it('node sha256 agrees with WebCrypto', async () => {
  const data = new TextEncoder().encode('counterweight');
  const web = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  expect(new Uint8Array(nodeSha256(data))).toEqual(web);
});
