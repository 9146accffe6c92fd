import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint } from '@counterweight/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openTestDb, requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { loadLogKey, type LogKey } from './log-key';
import { LogLease } from './log-lease';
import { LogSequencer } from './sequence';
import { testLogEntry } from './test-log-entry';
import { TransparencyLog } from './transparency-log';

const ORIGIN = 'lease.test/log';
const TTL = 400;

requirePostgresOrWarn('log lease');

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Two "processes" in one: two sequencers and two logs with their own lease holder names on one
// database, as two API instances on one PostgreSQL (and the same code on PGlite).
describe.each(storesUnderTest())('integration lease on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let key: LogKey;
  const logs: TransparencyLog[] = [];

  beforeEach(async () => {
    ({ db, drop } = await openTestDb(kind));
    const dir = mkdtempSync(join(tmpdir(), 'cw-lease-'));
    key = await loadLogKey({ dataDir: dir, origin: ORIGIN });
    rmSync(dir, { recursive: true });
  });
  afterEach(async () => {
    for (const log of logs.splice(0)) await log.close();
    await drop();
  });

  async function instance(holder: string) {
    const sequencer = await LogSequencer.open(db);
    const log = await TransparencyLog.open({
      db,
      sequencer,
      key,
      origin: ORIGIN,
      checkpointIntervalMs: 5,
      pollMs: 20,
      lease: { holder, ttlMs: TTL },
    });
    logs.push(log);
    return { sequencer, log };
  }
  const append = (sequencer: LogSequencer, from: number, count: number) =>
    sequencer.write(async (_tx, add) => {
      for (let i = 0; i < count; i++) add(testLogEntry(from + i));
    });

  it('grants the lease to one holder at a time, renews it, and lets another take it once expired', async () => {
    const a = new LogLease(db, 'a', TTL);
    const b = new LogLease(db, 'b', TTL);
    expect(await a.acquire()).toBe(true);
    expect(a.held).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.acquire()).toBe(true); // renewal keeps the term
    expect(a.term).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, TTL + 50));
    expect(a.held).toBe(false);
    expect(await b.acquire()).toBe(true);
    expect(b.term).toBe(2);
    expect(await a.acquire()).toBe(false);
    await b.release();
    expect(await a.acquire()).toBe(true);
    expect((await a.state())?.holder).toBe('a');
  });

  it('both instances write one log with dense indices; one signs, the other serves the same checkpoints', async () => {
    const a = await instance('a');
    const b = await instance('b');
    expect(a.log.integrating).toBe(true);
    expect(b.log.integrating).toBe(false);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => append(a.sequencer, 100 * i, 7)),
      ...Array.from({ length: 10 }, (_, i) => append(b.sequencer, 5000 + 100 * i, 5)),
    ]);
    const idx = await db.query<{ idx: string }>(
      'SELECT idx::text AS idx FROM log_entries ORDER BY log_entries.idx',
    );
    expect(idx.map((row) => Number(row.idx))).toEqual(Array.from({ length: 120 }, (_, i) => i));
    await a.log.waitForCheckpoint(120);
    await b.log.waitForCheckpoint(120);
    await until(() => a.log.checkpoint === b.log.checkpoint);
    expect((await openCheckpoint(b.log.checkpoint, key.verifierKey)).size).toBe(120);
    expect(b.log.inclusionProof(7, 120)).toEqual(a.log.inclusionProof(7, 120));
    // only the holder stored checkpoints
    expect(b.log.integrating).toBe(false);
  });

  it('another instance takes over when the holder stops, and goes on signing', async () => {
    const a = await instance('a');
    const b = await instance('b');
    await append(a.sequencer, 0, 3);
    await b.log.waitForCheckpoint(3);
    await a.log.close();
    await append(b.sequencer, 3, 4);
    await b.log.waitForCheckpoint(7);
    expect(b.log.integrating).toBe(true);
    expect((await openCheckpoint(b.log.checkpoint, key.verifierKey)).size).toBe(7);
  });

  it('a holder whose lease was taken stores no checkpoint (the database checks the lease)', async () => {
    const a = await instance('a');
    await append(a.sequencer, 0, 2);
    await a.log.waitForCheckpoint(2);
    // Another process took the lease while this one was paused past its expiry.
    await db.query(
      `UPDATE log_lease SET holder = 'usurper', term = term + 1, expires_at = now() + interval '1 hour'`,
    );
    await append(a.sequencer, 2, 3);
    await until(() => !a.log.integrating, TTL * 2);
    const sizes = await db.query<{ size: string }>(
      'SELECT size::text AS size FROM log_checkpoints ORDER BY log_checkpoints.size',
    );
    expect(sizes.map((row) => Number(row.size))).not.toContain(5);
    expect(a.log.size).toBe(2);
  });
});
