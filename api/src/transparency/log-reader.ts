import { LogEntry } from '@counterweight/shared';
import type { Queryable } from '../db/db';

const decoder = new TextDecoder('utf-8', { fatal: true });
const PAGE = 5000;

/** Decodes the exact bytes of a log entry (RFC 8785 JSON) into a checked `LogEntry`. */
export function decodeLogEntry(data: Uint8Array): LogEntry {
  return LogEntry.parse(JSON.parse(decoder.decode(data)));
}

/**
 * Reads the log's entries for transparency reports. The log is append-only, so decoded entries
 * are cached by index and never invalidated.
 */
export class LogReader {
  readonly #entries: LogEntry[] = [];

  constructor(private readonly db: Queryable) {}

  /** Number of entries stored now. */
  async size(): Promise<number> {
    const [row] = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM log_entries');
    return Number(row?.n ?? 0);
  }

  /** The first `treeSize` entries, decoded, in log order. */
  async entries(treeSize: number): Promise<readonly LogEntry[]> {
    await this.#load(treeSize);
    return this.#entries.slice(0, treeSize);
  }

  async #load(treeSize: number): Promise<void> {
    while (this.#entries.length < treeSize) {
      const start = this.#entries.length;
      const rows = await this.db.query<{ idx: string; data: Uint8Array }>(
        'SELECT idx::text AS idx, data FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY log_entries.idx',
        [start, Math.min(treeSize, start + PAGE)],
      );
      if (rows.length === 0) throw new Error(`log has fewer than ${treeSize} entries`);
      for (const row of rows) {
        if (Number(row.idx) !== this.#entries.length)
          throw new Error(`log entry ${this.#entries.length} is missing`);
        this.#entries.push(decodeLogEntry(row.data));
      }
    }
  }
}
