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
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db';
import type { LogKey } from './log-key';
import { LogLease, leaseHeldSql } from './log-lease';
import { nodeSha256 } from './node-sha256';
import { LogIntegrityError } from './log-integrity-error';
import {
  appendStoredLeaves,
  latestStoredCheckpoint,
  rebuildVerifiedTree,
  type StoredCheckpoint,
} from './stored-log';
import { committedLogSize } from './sequence';

export { LogIntegrityError } from './log-integrity-error';

/** What the log needs from this process's write path: a signal after each commit. */
export interface AppendSource {
  onAppended(listener: (lastIdx: number) => void): () => void;
  /** Told how many entries are committed (by any process) whenever the log learns of more. */
  observe?(size: number): void;
}

/** The channel on which the integrating process announces each new checkpoint (PostgreSQL). */
export const CHECKPOINT_CHANNEL = 'counterweight_log';

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
  /**
   * The integration lease (see {@link LogLease}): `holder` names this process (default host, pid
   * and a random part), `ttlMs` is the lease time (default 5,000 ms: a dead holder is replaced
   * within about 1⅓ of it), `takeOverAtOpen` takes it whoever holds it (for an embedded database,
   * which only this process can open).
   */
  lease?: { holder?: string; ttlMs?: number; takeOverAtOpen?: boolean };
  /** How often to look for entries and checkpoints of other processes, in ms (default 200). */
  pollMs?: number;
  /** Threads that re-hash the stored entries at start (default: available parallelism). */
  threads?: number;
}

/** One stored entry: its index and the exact bytes that were hashed. */
export interface StoredEntry {
  index: number;
  data: Uint8Array;
}

const DEFAULT_LEASE_MS = 5_000;

/** A holder name that says where the process runs: host, pid and a random part. */
export function defaultLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * The "integrate" and "publish" steps after the sequencer (transparency-dev Tessera's model):
 * keeps the RFC 9162 tree of every committed entry in memory and serves proofs from it. At start
 * the tree is rebuilt from the stored entry BYTES (re-hashed in worker threads), each leaf
 * compared with the stored leaf hash, and the result with the last stored checkpoint: any
 * mismatch, or fewer entries than that checkpoint covers, refuses the start.
 *
 * Any number of processes may serve one log. Each integrates what is committed (its own commits
 * at once, other processes' by polling); exactly one, the holder of the integration lease, signs
 * and stores checkpoints (usually within milliseconds of a commit). The others adopt each stored
 * checkpoint once their own tree recomputes its root, so every process serves the same
 * checkpoints. Proofs and entries are served only up to the size of the latest checkpoint this
 * process published or adopted.
 */
export class TransparencyLog {
  #tree = new MerkleTree(nodeSha256);
  #note = '';
  #published = -1;
  #wanted = 0;
  #pumping: Promise<void> | null = null;
  #started = false;
  #closed = false;
  #retrying = false;
  #unsubscribe: () => void = () => {};
  #unlisten: () => Promise<void> = async () => {};
  #waiters: { size: number; resolve: () => void }[] = [];
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;
  #pollAgain = false;
  #leaseDueAt = 0;
  #leading = false;
  /** The newest checkpoint another process stored, not yet adopted. */
  #offered: StoredCheckpoint | null = null;
  readonly #lease: LogLease;

  private constructor(private readonly options: TransparencyLogOptions) {
    this.#lease = new LogLease(
      options.db,
      options.lease?.holder ?? defaultLeaseHolder(),
      options.lease?.ttlMs ?? DEFAULT_LEASE_MS,
    );
  }

  /**
   * Rebuilds the tree from the stored entry bytes, checks it against the last stored checkpoint,
   * takes the integration lease if it is free and then publishes a checkpoint for the current
   * size (else adopts the latest stored one). Rejects with {@link LogIntegrityError} when an
   * entry's bytes no longer hash to its leaf hash (naming the index), when entries are missing,
   * or when the recomputed root differs from the last checkpoint: refuse to start then.
   */
  static async open(options: TransparencyLogOptions): Promise<TransparencyLog> {
    const log = new TransparencyLog(options);
    try {
      await log.#start();
    } catch (error) {
      await log.close().catch(() => {});
      throw error;
    }
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

  /** Whether this process holds the integration lease (and so signs the checkpoints). */
  get integrating(): boolean {
    return this.#leading && this.#lease.held;
  }

  /** This process's name in the lease row. */
  get leaseHolder(): string {
    return this.#lease.holder;
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

  /** Stops integrating, waits for a checkpoint being written and gives the lease up. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#unsubscribe();
    await this.#unlisten().catch(() => {});
    await this.#pumping;
    await this.#polling;
    if (this.#leading) await this.#lease.release().catch(() => {});
    this.#leading = false;
  }

  async #start(): Promise<void> {
    const { db, sequencer } = this.options;
    // The checkpoint first: entries committed after it are read below, never the other way round.
    const last = await latestStoredCheckpoint(db, -1);
    const committed = await committedLogSize(db);
    this.#tree = await rebuildVerifiedTree(db, committed, this.options.threads);
    if (last) await this.#checkLastCheckpoint(last);
    sequencer.observe?.(committed);
    this.#unsubscribe = sequencer.onAppended((lastIdx) => this.#request(lastIdx + 1));
    if (db.listen) {
      this.#unlisten = await db.listen(CHECKPOINT_CHANNEL, () => this.#pollSoon());
    }
    await this.#maintainLease(this.options.lease?.takeOverAtOpen ?? false);
    if (this.#leading) await this.#publish();
    // A second process on a new database: wait for the first one's checkpoint (or its lease).
    const deadline = Date.now() + 3 * this.#lease.ttlMs;
    while (this.#published < 0) {
      if (Date.now() > deadline)
        throw new Error('no checkpoint published and the integration lease is held elsewhere');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await this.#maintainLease(false);
      if (this.#leading) await this.#publish();
      else {
        await this.#poll();
        await appendStoredLeaves(this.options.db, this.#tree, this.#wanted);
        await this.#adopt();
      }
    }
    this.#started = true;
    this.#request(Math.max(this.#wanted, this.#tree.size));
    this.#schedule();
  }

  #checkSize(size: number): number {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.#published) {
      throw new RangeError(`tree size ${size} is outside [0, ${this.#published}]`);
    }
    return size;
  }

  #request(size: number): void {
    this.#wanted = Math.max(this.#wanted, size);
    if (this.#pumping || this.#closed || !this.#started) return;
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null;
      // A request that arrived while the pump was finishing must not be lost.
      if (!this.#retrying && this.#behind()) this.#request(this.#wanted);
    });
  }

  #behind(): boolean {
    if (this.#tree.size < this.#wanted) return true;
    if (this.#leading) return this.#published < this.#tree.size;
    return this.#offered !== null && this.#offered.size <= this.#tree.size;
  }

  async #pump(): Promise<void> {
    const interval = this.options.checkpointIntervalMs ?? 100;
    while (!this.#closed && this.#behind()) {
      const started = Date.now();
      try {
        await appendStoredLeaves(this.options.db, this.#tree, this.#wanted);
        if (this.#leading) await this.#publish();
        else await this.#adopt();
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
      if (!this.#leading) continue; // adopting costs no signature: no pause
      const wait = interval - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Runs {@link #tick} every `pollMs` (the timer does not keep the process alive). */
  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      void this.#tick().finally(() => this.#schedule());
    }, this.options.pollMs ?? 200);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    try {
      await this.#maintainLease(false);
      await this.#pollNow();
    } catch (error) {
      if (!this.#closed)
        this.options.logger?.warn({ err: error }, 'transparency log: polling the database failed');
    }
  }

  /** A notification said a checkpoint was stored: look now rather than at the next tick. */
  #pollSoon(): void {
    if (this.#closed || !this.#started) return;
    this.#pollNow().catch((error: unknown) =>
      this.options.logger?.warn({ err: error }, 'transparency log: polling the database failed'),
    );
  }

  #pollNow(): Promise<void> {
    if (this.#polling) {
      this.#pollAgain = true;
      return this.#polling;
    }
    this.#polling = (async () => {
      do {
        this.#pollAgain = false;
        await this.#poll();
      } while (this.#pollAgain && !this.#closed);
    })().finally(() => (this.#polling = null));
    return this.#polling;
  }

  /** Learns the committed size and the newest stored checkpoint; integrates and adopts them. */
  async #poll(): Promise<void> {
    const [row] = await this.options.db.query<{
      committed: string;
      size: string | null;
      root_hash: Uint8Array | null;
      note: string | null;
    }>(
      `SELECT (SELECT coalesce(max(idx) + 1, 0) FROM log_entries)::text AS committed,
         c.size::text AS size, c.root_hash, c.note
       FROM (SELECT 1) AS one LEFT JOIN LATERAL (
         SELECT size, root_hash, note FROM log_checkpoints WHERE size > $1
         ORDER BY log_checkpoints.size DESC LIMIT 1) AS c ON true`,
      [Math.max(this.#published, this.#offered?.size ?? -1)],
    );
    if (!row) return;
    const committed = Number(row.committed);
    this.options.sequencer.observe?.(committed);
    if (row.size !== null && row.root_hash && row.note !== null && !this.#leading) {
      this.#offered = {
        size: Number(row.size),
        rootHash: new Uint8Array(row.root_hash),
        note: row.note,
      };
    }
    this.#request(committed);
  }

  /**
   * Renews the lease when due (every third of its time), or tries to take it when this process
   * does not hold it; notes a change of role.
   */
  async #maintainLease(force: boolean): Promise<void> {
    if (this.#closed) return;
    const now = performance.now();
    if (!force && now < this.#leaseDueAt && (this.#lease.held || !this.#leading)) return;
    this.#leaseDueAt = now + this.#lease.ttlMs / 3;
    const held = await this.#lease.acquire(force);
    if (held && !this.#leading) {
      this.#leading = true;
      this.#offered = null;
      if (this.#started)
        this.options.logger?.info(
          { holder: this.#lease.holder, term: this.#lease.term },
          'transparency log: took the integration lease; this process now signs checkpoints',
        );
      this.#request(this.#tree.size);
    } else if (!held && this.#leading) {
      this.#leading = false;
      this.options.logger?.warn(
        { holder: this.#lease.holder },
        'transparency log: lost the integration lease; another process signs checkpoints now',
      );
    }
  }

  /** Checks a stored checkpoint: its note against its row, its root against this tree. */
  #checkStored(checkpoint: StoredCheckpoint): void {
    const { size, rootHash: stored, note } = checkpoint;
    const body = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
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
  }

  async #checkLastCheckpoint(last: StoredCheckpoint): Promise<void> {
    this.#checkStored(last);
    try {
      await openNote(last.note, this.options.key.signer);
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      this.options.logger?.warn(
        `the last checkpoint was not signed by the current log key (${error.message}); auditors holding the old key will notice`,
      );
    }
    this.#published = last.size;
    this.#note = last.note;
  }

  /**
   * Adopts the newest checkpoint another process stored, once this tree has its size: its root
   * must be this tree's and its signature this log's key (every process shares the key).
   */
  async #adopt(): Promise<void> {
    const offered = this.#offered;
    if (!offered || offered.size > this.#tree.size) return;
    this.#offered = null;
    if (offered.size <= this.#published) return;
    this.#checkStored(offered);
    try {
      await openNote(offered.note, this.options.key.signer);
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      throw new LogIntegrityError(
        `checkpoint ${offered.size} stored by another process is not signed by this process's log key (${error.message}): every process must share COUNTERWEIGHT_LOG_KEY`,
      );
    }
    this.#announce(offered.size, offered.note);
  }

  #announce(size: number, note: string): void {
    this.#note = note;
    this.#published = size;
    const ready = this.#waiters.filter((w) => w.size <= size);
    this.#waiters = this.#waiters.filter((w) => w.size > size);
    for (const w of ready) w.resolve();
  }

  /**
   * Signs and stores a checkpoint for the tree's size, only while this process holds the lease
   * (checked by the database in the same statement), and announces it on {@link
   * CHECKPOINT_CHANNEL}. When the lease turned out lost, nothing is published here.
   */
  async #publish(): Promise<void> {
    const size = this.#tree.size;
    if (size <= this.#published || !this.#lease.held) return;
    const rootHash = this.#tree.root(size);
    const signer: NoteSigner = this.options.key.signer;
    const note = await signCheckpoint({ origin: this.options.origin, size, rootHash }, signer);
    const [row] = await this.options.db.query<{ size: string }>(
      `WITH stored AS (
         INSERT INTO log_checkpoints (size, root_hash, note)
         SELECT $1, $2, $3 WHERE ${leaseHeldSql('$4')}
         ON CONFLICT (size) DO NOTHING RETURNING size)
       SELECT size::text AS size, pg_notify('${CHECKPOINT_CHANNEL}', size::text) FROM stored`,
      [size, Buffer.from(rootHash), note, this.#lease.holder],
    );
    if (!row) {
      // Either a previous holder stored this very size (same tree, same key: the same note), or
      // the lease has gone to another process meanwhile.
      const existing = await latestStoredCheckpoint(this.options.db, size - 1);
      if (existing?.size !== size) {
        this.#leaseDueAt = 0; // ask the database now
        await this.#maintainLease(false);
        return;
      }
      this.#checkStored(existing);
      this.#announce(size, existing.note);
      return;
    }
    this.#announce(size, note);
  }
}
