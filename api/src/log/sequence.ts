import { createHash, type Hash } from 'node:crypto';
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

  /** An entry already encoded (by {@link LogEntryTemplate}): its JSON string literal and leaf hash. */
  static encoded(jsonText: string, leafHex: string): EncodedLogEntry {
    return new EncodedLogEntry(jsonText, leafHex);
  }

  /** Checks `entry` (`LogEntry.parse`), encodes it and hashes it. */
  static of(entry: LogEntry): EncodedLogEntry {
    const data = encodeLogEntry(LogEntry.parse(entry));
    return new EncodedLogEntry(
      JSON.stringify(data.toString('utf8')),
      leafHash(data).toString('hex'),
    );
  }

  /** Its fields in the sequencer's batch insert. */
  get row(): string {
    return `"data":${this.jsonText},"leaf":"${this.leafHex}"`;
  }
}

/**
 * A log entry whose case number is the one the database gives a report inserted earlier in the
 * same transaction (see {@link LogEntryTemplate.caseNumberOf}): the database completes its bytes
 * and hashes them, so the entry needs no round trip to learn the number first.
 */
export class CaseNumberedLogEntry {
  constructor(
    private readonly head: string,
    private readonly tail: string,
    /** The report whose `case_number` fills the entry. */
    readonly reportId: string,
  ) {}

  /** Its fields in the sequencer's batch insert. */
  get row(): string {
    return `"head":${JSON.stringify(this.head)},"tail":${JSON.stringify(this.tail)},"report":"${this.reportId}"`;
  }
}

/**
 * A log entry encoded ahead of its write with one string value left open (a case number that the
 * database assigns inside the transaction): {@link LogEntryTemplate.fill} completes its bytes and
 * leaf hash in microseconds, hashing on from the saved SHA-256 state of the bytes before the value.
 */
export class LogEntryTemplate {
  private constructor(
    private readonly head: string,
    private readonly tail: string,
    private readonly headHash: Hash,
  ) {}

  /**
   * Checks and encodes `entry`, whose open value is the string `placeholder`; null when that
   * string is not found exactly once in the canonical JSON (then encode the entry when its value
   * is known).
   */
  static of(entry: LogEntry, placeholder: string): LogEntryTemplate | null {
    const text = encodeLogEntry(LogEntry.parse(entry)).toString('utf8');
    const token = JSON.stringify(placeholder);
    const at = text.indexOf(token);
    if (at < 0 || text.indexOf(token, at + 1) >= 0) return null;
    const head = text.slice(0, at);
    return new LogEntryTemplate(
      head,
      text.slice(at + token.length),
      createHash('sha256').update(Buffer.of(0)).update(head, 'utf8'),
    );
  }

  /**
   * The entry with the case number of report `reportId` in place of the placeholder, filled in
   * by the database when the entries are inserted (the report must be inserted first in the same
   * transaction, else the insert fails).
   */
  caseNumberOf(reportId: string): CaseNumberedLogEntry {
    return new CaseNumberedLogEntry(this.head, this.tail, reportId);
  }

  /** The entry with `value` in place of the placeholder (RFC 8785 serialises strings as JSON does). */
  fill(value: string): EncodedLogEntry {
    const literal = JSON.stringify(value);
    const leafHex = this.headHash
      .copy()
      .update(literal, 'utf8')
      .update(this.tail, 'utf8')
      .digest('hex');
    return EncodedLogEntry.encoded(JSON.stringify(this.head + literal + this.tail), leafHex);
  }
}

/**
 * Adds a log entry to the transaction in progress. Its index is assigned by the database when
 * the entries are inserted at the end of the transaction (see {@link LogSequencer}).
 */
export type AppendLogEntry = (entry: LogEntry | EncodedLogEntry | CaseNumberedLogEntry) => void;

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
 * SQL that takes `$n` numbers from the shared sequence `name` (a row of `sequence_heads`) and
 * yields the first as `first`. The UPDATE holds the row's lock until commit, so the writers of
 * every process on the database are serialised there: after waiting, it reads the head as the
 * previous writer committed it, so numbers are dense and in commit order. `floor` (the next
 * number after the stored rows) repairs a head that rows written around it left behind.
 */
export function takeNumbersSql(name: 'log_idx' | 'case_seq', n: string, floor: string): string {
  return `UPDATE sequence_heads SET next = greatest(next, (${floor})) + ${n}
    WHERE name = '${name}' RETURNING next - ${n} AS first`;
}

/**
 * The writer of the transparency log (the "sequence" step of Tessera's sequence, integrate,
 * publish). Every state change runs through {@link LogSequencer.write}: the change and its log
 * entries commit in ONE transaction, and listeners hear of each committed batch. Any number of
 * processes may write the same log: the indices are assigned by the database inside the
 * transaction, in the statement that inserts the entries, from the `log_idx` row of
 * `sequence_heads`, whose lock that statement holds until commit (see {@link takeNumbersSql}), so
 * indices are dense, 0-based and in commit order whichever process writes. Within one process, writes are also serialised here, so that one
 * process holds at most one lock at a time and its batches commit in the order they were asked.
 */
export class LogSequencer {
  readonly events: LogEvents = new EventEmitter();
  #size: number;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Db,
    size: number,
  ) {
    this.#size = size;
  }

  /** Opens the sequencer on a migrated database. */
  static async open(db: Db): Promise<LogSequencer> {
    return new LogSequencer(db, await committedLogSize(db));
  }

  /**
   * Number of committed entries this process knows of: its own commits, and what the log saw
   * committed by other processes (see {@link observe}).
   */
  get size(): number {
    return this.#size;
  }

  /** Notes that `size` entries are known to be committed (by any process). */
  observe(size: number): void {
    if (size > this.#size) this.#size = size;
  }

  /** Subscribes to committed batches; returns the unsubscribe function. */
  onAppended(listener: (lastIdx: number) => void): () => void {
    this.events.on('appended', listener);
    return () => this.events.off('appended', listener);
  }

  /**
   * Runs `fn` in one transaction after every earlier write of this process has finished. Entries
   * passed to `append` are inserted at the end of that transaction, at the indices the database
   * assigns then; if `fn` throws, nothing is written and no index is used. Resolves after commit,
   * then notifies `appended`.
   */
  write<T>(fn: WriteFn<T>): Promise<T> {
    const run = () => this.#run(fn);
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #run<T>(fn: WriteFn<T>): Promise<T> {
    let last = -1;
    const result = await this.db.transaction(async (tx) => {
      // rows of `json_to_recordset`, already JSON: {"i":…,"data":"<canonical JSON>","leaf":"<hex>"}
      // or, with the case number of a report to fill in, {"i":…,"head":…,"tail":…,"report":…}
      const rows: string[] = [];
      const deferred: Promise<unknown>[] = [];
      const settled = () => Promise.all(deferred);
      let value: T;
      try {
        value = await fn(
          tx,
          (entry) => {
            const encoded =
              entry instanceof EncodedLogEntry || entry instanceof CaseNumberedLogEntry
                ? entry
                : EncodedLogEntry.of(entry);
            // the canonical JSON travels as text (half the size of hex), stored as its UTF-8 bytes
            rows.push(`{"i":${rows.length},${encoded.row}}`);
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
      let inserted: Promise<{ last: string }[]> | null = null;
      if (rows.length > 0) {
        // One statement: the next indices from the head of the log (its lock held until commit),
        // the entries completed where the database gives them a case number, and their insert.
        inserted = tx.query<{ last: string }>(
          `WITH next AS (${takeNumbersSql('log_idx', '$2::bigint', 'SELECT coalesce(max(idx) + 1, 0) FROM log_entries')}),
             src AS (
               SELECT r.i, r.leaf, convert_to(coalesce(r.data, r.head || to_json(
                   (SELECT rep.case_number FROM reports rep WHERE rep.id = r.report))::text || r.tail),
                 'UTF8') AS data
               FROM json_to_recordset($1::text::json)
                 AS r(i bigint, data text, leaf text, head text, tail text, report uuid)),
             inserted AS (
               INSERT INTO log_entries (idx, data, leaf_hash)
               SELECT next.first + src.i, src.data,
                 coalesce(decode(src.leaf, 'hex'), sha256('\\x00'::bytea || src.data))
               FROM next, src
               RETURNING idx)
           SELECT max(idx)::text AS last FROM inserted`,
          [`[${rows.join(',')}]`, rows.length],
        );
        deferred.push(inserted);
      }
      await settled();
      if (inserted) last = Number((await inserted)[0]?.last);
      return value;
    });
    if (last >= 0) {
      this.observe(last + 1);
      this.events.emit('appended', last);
    }
    return result;
  }
}

/** Number of committed log entries (the next index), as the database sees it now. */
export async function committedLogSize(db: Queryable): Promise<number> {
  const [row] = await db.query<{ size: string }>(
    'SELECT (coalesce(max(idx), -1) + 1)::text AS size FROM log_entries',
  );
  return Number(row?.size ?? 0);
}
