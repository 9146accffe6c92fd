import { MerkleTree, bytesEqual } from '@counterweight/shared';
import type { Db } from '../db/db';
import { LogIntegrityError } from './log-integrity-error';
import { ParallelTreeBuilder } from './parallel-tree';

/** A checkpoint as stored in `log_checkpoints`. */
export interface StoredCheckpoint {
  size: number;
  rootHash: Uint8Array;
  note: string;
}

const LOAD_PAGE = 50_000;
const VERIFY_PAGE = 20_000;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The newest stored checkpoint larger than `than`, or null. */
export async function latestStoredCheckpoint(
  db: Db,
  than: number,
): Promise<StoredCheckpoint | null> {
  const [row] = await db.query<{ size: string; root_hash: Uint8Array; note: string }>(
    'SELECT size::text AS size, root_hash, note FROM log_checkpoints WHERE size > $1 ORDER BY log_checkpoints.size DESC LIMIT 1',
    [than],
  );
  return row
    ? { size: Number(row.size), rootHash: new Uint8Array(row.root_hash), note: row.note }
    : null;
}

/**
 * The tree of entries `[0, size)` rebuilt from their stored bytes: each page of entries is read
 * with its stored leaf hashes, the bytes re-hashed in worker threads (`ParallelTreeBuilder`), and
 * every recomputed leaf compared with the stored one. Throws {@link LogIntegrityError} naming
 * the first missing or altered entry.
 */
export async function rebuildVerifiedTree(
  db: Db,
  size: number,
  threads?: number,
): Promise<MerkleTree> {
  const builder = new ParallelTreeBuilder({ threads });
  const stored = new Uint8Array(32 * size);
  try {
    for (let start = 0; start < size; start += VERIFY_PAGE) {
      const end = Math.min(size, start + VERIFY_PAGE);
      // base64 text: decoded natively, far faster than a driver's bytea parsing (1M entries)
      const rows = await db.query<{ idx: string; data: string; leaf: string }>(
        `SELECT idx::text AS idx, encode(data, 'base64') AS data, encode(leaf_hash, 'base64') AS leaf
         FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY log_entries.idx`,
        [start, end],
      );
      rows.forEach((row, i) => {
        if (Number(row.idx) !== start + i)
          throw new LogIntegrityError(`log entry ${start + i} is missing`);
        builder.add(Buffer.from(row.data, 'base64'));
        stored.set(Buffer.from(row.leaf, 'base64'), 32 * (start + i));
      });
      if (rows.length !== end - start)
        throw new LogIntegrityError(`log entry ${start + rows.length} is missing`);
    }
  } catch (error) {
    await builder.close();
    throw error;
  }
  const tree = await builder.finish();
  for (let i = 0; i < size; i++) {
    const leaf = tree.leafHash(i);
    const kept = stored.subarray(32 * i, 32 * i + 32);
    if (!bytesEqual(leaf, kept))
      throw new LogIntegrityError(
        `log entry ${i} was altered: its stored bytes hash to ${hex(leaf)}, not to its stored leaf hash ${hex(kept)}; refusing to serve the log`,
      );
  }
  return tree;
}

/** Appends the stored leaf hashes `[tree.size, size)` to `tree`, refusing gaps. */
export async function appendStoredLeaves(db: Db, tree: MerkleTree, size: number): Promise<void> {
  while (tree.size < size) {
    const start = tree.size;
    const end = Math.min(size, start + LOAD_PAGE);
    const [row] = await db.query<{ n: string; leaves: Uint8Array | null }>(
      `SELECT count(*)::text AS n, string_agg(leaf_hash, ''::bytea ORDER BY idx) AS leaves
       FROM log_entries WHERE idx >= $1 AND idx < $2`,
      [start, end],
    );
    if (Number(row?.n) !== end - start || !row?.leaves) {
      throw new LogIntegrityError(`log entries in [${start}, ${end}) are missing`);
    }
    for (let i = 0; i < end - start; i++) tree.append(row.leaves.subarray(32 * i, 32 * i + 32));
  }
}
