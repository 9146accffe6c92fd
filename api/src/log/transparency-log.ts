import {
  MerkleTree,
  NoteError,
  bytesEqual,
  openNote,
  parseCheckpoint,
  signCheckpoint,
  toBase64,
  type NoteSigner,
} from '@counterweight/shared';
import type { Logger } from 'pino';
import type { Db } from '../db/db';
import type { LogKey } from './log-key';
import { nodeSha256 } from './node-sha256';

/** The log no longer matches what it published: the server must not serve it. */
export class LogIntegrityError extends Error {
  override readonly name = 'LogIntegrityError';
}

/** What the log needs from the write path: where it stands and a signal after each commit. */
export interface AppendSource {
  readonly size: number;
  onAppended(listener: (lastIdx: number) => void): () => void;
}

export interface TransparencyLogOptions {
  db: Db;
  sequencer: AppendSource;
  key: LogKey;
  origin: string;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * Least time between two checkpoints, in ms (default 100): bounds the signing work and the rows
   * of `log_checkpoints` (at most 10 a second under continuous load) while staying far below the
   * one-second publication target.
   */
  checkpointIntervalMs?: number;
}

/** One stored entry: its index and the exact bytes that were hashed. */
export interface StoredEntry {
  index: number;
  data: Uint8Array;
}

const LOAD_PAGE = 50_000;

/**
 * The "integrate" and "publish" steps after the sequencer (transparency-dev Tessera's model):
 * keeps the RFC 9162 tree of every committed entry in memory, rebuilt at start from the
 * `leaf_hash` column, and after each committed batch signs and stores a checkpoint for the new
 * size (usually within milliseconds). Proofs and entries are served only up to the size of the
 * latest published checkpoint.
 */
export class TransparencyLog {
  readonly #tree = new MerkleTree(nodeSha256);
  #note = '';
  #published = -1;
  #wanted = 0;
  #pumping: Promise<void> | null = null;
  #closed = false;
  #retrying = false;
  #unsubscribe: () => void = () => {};
  #waiters: { size: number; resolve: () => void }[] = [];

  private constructor(private readonly options: TransparencyLogOptions) {}

  /**
   * Rebuilds the tree from storage, checks it against the last stored checkpoint and publishes
   * a checkpoint for the current size. Rejects with {@link LogIntegrityError} when entries are
   * missing or the recomputed root differs from the last checkpoint: refuse to start then.
   */
  static async open(options: TransparencyLogOptions): Promise<TransparencyLog> {
    const log = new TransparencyLog(options);
    // Appends committed while the tree is rebuilt only raise #wanted; the pump starts after.
    const starting = (async () => {
      await log.#integrate(Math.max(options.sequencer.size, await log.#storedCount()));
      await log.#checkLastCheckpoint();
      await log.#publish();
    })();
    log.#pumping = starting.catch(() => {});
    log.#unsubscribe = options.sequencer.onAppended((lastIdx) => log.#request(lastIdx + 1));
    try {
      await starting;
    } catch (error) {
      log.#closed = true;
      log.#unsubscribe();
      throw error;
    } finally {
      log.#pumping = null;
    }
    log.#request(log.#tree.size);
    return log;
  }

  /** The latest signed checkpoint note (C2SP tlog-checkpoint). */
  get checkpoint(): string {
    return this.#note;
  }

  /** Tree size of the latest published checkpoint. */
  get size(): number {
    return this.#published;
  }

  /** The verifier key string of the signing key. */
  get verifierKey(): string {
    return this.options.key.verifierKey;
  }

  /** Resolves once a checkpoint covering at least `size` entries is published. */
  waitForCheckpoint(size: number): Promise<void> {
    if (this.#published >= size) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ size, resolve }));
  }

  /** RFC 9162 root of the first `size` entries (`size` ≤ {@link size}). */
  root(size: number): Uint8Array {
    return this.#tree.root(this.#checkSize(size));
  }

  /** Inclusion proof of entry `index` in the tree of `treeSize` entries. */
  inclusionProof(index: number, treeSize: number): Uint8Array[] {
    return this.#tree.inclusionProof(index, this.#checkSize(treeSize));
  }

  /** Consistency proof from tree size `from` to tree size `to`. */
  consistencyProof(from: number, to: number): Uint8Array[] {
    return this.#tree.consistencyProof(from, this.#checkSize(to));
  }

  /**
   * Entries `[start, end)` with the exact bytes that were hashed, each checked against the leaf
   * hash in the tree: a stored entry that no longer hashes to its leaf raises
   * {@link LogIntegrityError}.
   */
  async entries(start: number, end: number): Promise<StoredEntry[]> {
    this.#checkSize(end);
    const rows = await this.options.db.query<{ idx: string; data: Uint8Array }>(
      'SELECT idx::text AS idx, data FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY log_entries.idx',
      [start, end],
    );
    if (rows.length !== end - start)
      throw new LogIntegrityError(`log entries in [${start}, ${end}) are missing`);
    return rows.map((row, i) => {
      const index = start + i;
      const data = new Uint8Array(row.data);
      const leaf = new Uint8Array(data.length + 1);
      leaf.set(data, 1);
      if (Number(row.idx) !== index || !bytesEqual(nodeSha256(leaf), this.#tree.leafHash(index))) {
        throw new LogIntegrityError(`log entry ${index} no longer matches its leaf hash`);
      }
      return { index, data };
    });
  }

  /** Stops integrating; waits for a checkpoint being written. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    await this.#pumping;
  }

  #checkSize(size: number): number {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.#published) {
      throw new RangeError(`tree size ${size} is outside [0, ${this.#published}]`);
    }
    return size;
  }

  #request(size: number): void {
    this.#wanted = Math.max(this.#wanted, size);
    if (this.#pumping || this.#closed) return;
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null;
      // A request that arrived while the pump was finishing must not be lost.
      if (!this.#retrying && this.#tree.size < this.#wanted) this.#request(this.#wanted);
    });
  }

  async #pump(): Promise<void> {
    const interval = this.options.checkpointIntervalMs ?? 100;
    while (!this.#closed && (this.#tree.size < this.#wanted || this.#published < this.#tree.size)) {
      const started = Date.now();
      try {
        await this.#integrate(this.#wanted);
        await this.#publish();
      } catch (error) {
        if (this.#closed) return;
        this.options.logger?.error(
          { err: error },
          'transparency log: integrate/publish failed; retrying in 1 s',
        );
        // unref: a retry must not keep a stopping process alive.
        this.#retrying = true;
        setTimeout(() => {
          this.#retrying = false;
          this.#request(this.#wanted);
        }, 1000).unref();
        return;
      }
      const wait = interval - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  async #storedCount(): Promise<number> {
    const [row] = await this.options.db.query<{ n: string }>(
      'SELECT (coalesce(max(idx), -1) + 1)::text AS n FROM log_entries',
    );
    return Number(row?.n ?? 0);
  }

  /** Appends stored leaf hashes `[tree size, size)` to the tree, refusing gaps. */
  async #integrate(size: number): Promise<void> {
    while (this.#tree.size < size) {
      const start = this.#tree.size;
      const end = Math.min(size, start + LOAD_PAGE);
      const [row] = await this.options.db.query<{ n: string; leaves: Uint8Array | null }>(
        `SELECT count(*)::text AS n, string_agg(leaf_hash, ''::bytea ORDER BY idx) AS leaves
         FROM log_entries WHERE idx >= $1 AND idx < $2`,
        [start, end],
      );
      if (Number(row?.n) !== end - start || !row?.leaves) {
        throw new LogIntegrityError(`log entries in [${start}, ${end}) are missing`);
      }
      for (let i = 0; i < end - start; i++)
        this.#tree.append(row.leaves.subarray(32 * i, 32 * i + 32));
    }
  }

  async #checkLastCheckpoint(): Promise<void> {
    const [last] = await this.options.db.query<{
      size: string;
      root_hash: Uint8Array;
      note: string;
    }>(
      'SELECT size::text AS size, root_hash, note FROM log_checkpoints ORDER BY log_checkpoints.size DESC LIMIT 1',
    );
    if (!last) return;
    const size = Number(last.size);
    const stored = new Uint8Array(last.root_hash);
    const body = parseCheckpoint(last.note.slice(0, last.note.lastIndexOf('\n\n') + 1));
    if (body.size !== size || !bytesEqual(body.rootHash, stored)) {
      throw new LogIntegrityError(`stored checkpoint ${size} does not match its own note`);
    }
    if (this.#tree.size < size) {
      throw new LogIntegrityError(
        `the log holds ${this.#tree.size} entries but its last checkpoint covers ${size}: entries were removed`,
      );
    }
    const root = this.#tree.root(size);
    if (!bytesEqual(root, stored)) {
      throw new LogIntegrityError(
        `the recomputed root of the first ${size} entries is ${toBase64(root)}, but the last checkpoint ` +
          `published ${toBase64(stored)}: the log was altered; refusing to serve it`,
      );
    }
    try {
      await openNote(last.note, this.options.key.signer);
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      this.options.logger?.warn(
        `the last checkpoint was not signed by the current log key (${error.message}); auditors holding the old key will notice`,
      );
    }
    this.#note = last.note;
    this.#published = size;
  }

  async #publish(): Promise<void> {
    const size = this.#tree.size;
    if (size <= this.#published) return;
    const rootHash = this.#tree.root(size);
    const signer: NoteSigner = this.options.key.signer;
    const note = await signCheckpoint({ origin: this.options.origin, size, rootHash }, signer);
    await this.options.db.query(
      'INSERT INTO log_checkpoints (size, root_hash, note) VALUES ($1, $2, $3) ON CONFLICT (size) DO NOTHING',
      [size, Buffer.from(rootHash), note],
    );
    this.#note = note;
    this.#published = size;
    const ready = this.#waiters.filter((w) => w.size <= size);
    this.#waiters = this.#waiters.filter((w) => w.size > size);
    for (const w of ready) w.resolve();
  }
}
