import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { LogEntry } from '@counterweight/shared';
import canonicalize from 'canonicalize';
import type { Db, Queryable } from '../db/db';

/**
 * A log entry checked against the contract and encoded ahead of its write (see
 * {@link EncodedLogEntry.of}), so the work can happen before the transaction that appends it.
 */
export class EncodedLogEntry {
  private constructor(
    /** The entry's canonical JSON as a JSON string literal (its row in the batch insert). */
    readonly jsonText: string,
    /** Hex of the RFC 9162 leaf hash of the entry's bytes. */
    readonly leafHex: string,
  ) {}

  /** Checks `entry` (`LogEntry.parse`), encodes it and hashes it. */
  static of(entry: LogEntry): EncodedLogEntry {
    const data = encodeLogEntry(LogEntry.parse(entry));
    return new EncodedLogEntry(
      JSON.stringify(data.toString('utf8')),
      leafHash(data).toString('hex'),
    );
  }
}

/** Adds a log entry to the transaction in progress; returns the index it will have. */
export type AppendLogEntry = (entry: LogEntry | EncodedLogEntry) => number;

/**
 * Hands a statement already sent in the transaction to the sequencer, which awaits it together
 * with the log insert before commit: one round trip instead of two. A failure still rolls back.
 */
export type DeferStatement = (statement: Promise<unknown>) => void;

type WriteFn<T> = (tx: Queryable, append: AppendLogEntry, defer: DeferStatement) => Promise<T>;

/** The exact bytes hashed into the log: RFC 8785 canonical JSON of the entry, UTF-8. */
export function encodeLogEntry(entry: LogEntry): Buffer {
  const text = canonicalize(entry);
  if (text === undefined) throw new Error('log entry cannot be canonicalized');
  return Buffer.from(text, 'utf8');
}

/** RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 || entry bytes). */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(data).digest();
}

/** Events of the log's write path; `appended` carries the last index of a committed batch. */
export type LogEvents = EventEmitter<{ appended: [lastIdx: number] }>;

/**
 * The single writer of the transparency log (the "sequence" step of Tessera's sequence,
 * integrate, publish). Every state change runs through {@link LogSequencer.write}: the change
 * and its log entries commit in ONE transaction, writes are serialised so indices are dense and
 * 0-based, and listeners hear of each committed batch. One process writes a given log; a second
 * writer would be refused by the primary key on `idx`, never overwrite.
 */
export class LogSequencer {
  readonly events: LogEvents = new EventEmitter();
  #next: number;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Db,
    next: number,
  ) {
    this.#next = next;
  }

  /** Opens the sequencer on a migrated database, continuing after its last entry. */
  static async open(db: Db): Promise<LogSequencer> {
    const [row] = await db.query<{ size: string }>(
      'SELECT (coalesce(max(idx), -1) + 1)::text AS size FROM log_entries',
    );
    return new LogSequencer(db, Number(row?.size ?? 0));
  }

  /** Number of committed entries (the next index to assign). */
  get size(): number {
    return this.#next;
  }

  /** Subscribes to committed batches; returns the unsubscribe function. */
  onAppended(listener: (lastIdx: number) => void): () => void {
    this.events.on('appended', listener);
    return () => this.events.off('appended', listener);
  }

  /**
   * Runs `fn` in one transaction after every earlier write has finished. Entries passed to
   * `append` are inserted at the end of that transaction; if `fn` throws, nothing is written and
   * no index is used. Resolves after commit, then notifies `appended`.
   */
  write<T>(fn: WriteFn<T>): Promise<T> {
    const run = () => this.#run(fn);
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #run<T>(fn: WriteFn<T>): Promise<T> {
    const first = this.#next;
    let count = 0;
    const result = await this.db.transaction(async (tx) => {
      // rows of `json_to_recordset`, already JSON: {"idx":…,"data":"<canonical JSON>","leaf":"<hex>"}
      const rows: string[] = [];
      const deferred: Promise<unknown>[] = [];
      const settled = () => Promise.all(deferred);
      let value: T;
      try {
        value = await fn(
          tx,
          (entry) => {
            const encoded = entry instanceof EncodedLogEntry ? entry : EncodedLogEntry.of(entry);
            const idx = first + rows.length;
            // the canonical JSON travels as text (half the size of hex), stored as its UTF-8 bytes
            rows.push(`{"idx":${idx},"data":${encoded.jsonText},"leaf":"${encoded.leafHex}"}`);
            return idx;
          },
          (statement) => {
            statement.catch(() => {}); // awaited below; never an unhandled rejection
            deferred.push(statement);
          },
        );
      } catch (error) {
        await Promise.allSettled(deferred);
        throw error;
      }
      if (rows.length > 0) {
        deferred.push(
          tx.query(
            `INSERT INTO log_entries (idx, data, leaf_hash)
           SELECT r.idx, convert_to(r.data, 'UTF8'), decode(r.leaf, 'hex')
           FROM json_to_recordset($1::text::json) AS r(idx bigint, data text, leaf text)`,
            [`[${rows.join(',')}]`],
          ),
        );
      }
      await settled();
      count = rows.length;
      return value;
    });
    if (count > 0) {
      this.#next = first + count;
      this.events.emit('appended', this.#next - 1);
    }
    return result;
  }
}
