import { LogEntry } from '@counterweight/shared';
import { toBase64 } from '@counterweight/shared/log-bytes';
import { rootHash } from '@counterweight/shared/merkle';
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db';

const decoder = new TextDecoder('utf-8', { fatal: true });
const PAGE = 5000;

/** Decodes the exact bytes of a log entry (RFC 8785 JSON) into a checked `LogEntry`. */
export function decodeLogEntry(data: Uint8Array): LogEntry {
  return LogEntry.parse(JSON.parse(decoder.decode(data)));
}

const nodeSha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

/**
 * Reads the log for transparency reports. The log is append-only, so decoded entries and
 * computed roots are cached by index and tree size and never invalidated.
 */
export class LogReader {
  readonly #entries: LogEntry[] = [];
  readonly #leaves: Uint8Array[] = [];
  readonly #roots = new Map<number, string>();

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

  /** RFC 9162 root hash (standard base64) of the first `treeSize` entries. */
  async root(treeSize: number): Promise<string> {
    const cached = this.#roots.get(treeSize);
    if (cached) return cached;
    await this.#load(treeSize);
    const root = toBase64(await rootHash(this.#leaves.slice(0, treeSize), nodeSha256));
    this.#roots.set(treeSize, root);
    return root;
  }

  async #load(treeSize: number): Promise<void> {
    while (this.#entries.length < treeSize) {
      const start = this.#entries.length;
      const rows = await this.db.query<{ idx: string; data: Uint8Array; leaf_hash: Uint8Array }>(
        'SELECT idx::text AS idx, data, leaf_hash FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx',
        [start, Math.min(treeSize, start + PAGE)],
      );
      if (rows.length === 0) throw new Error(`log has fewer than ${treeSize} entries`);
      for (const row of rows) {
        if (Number(row.idx) !== this.#entries.length)
          throw new Error(`log entry ${this.#entries.length} is missing`);
        this.#entries.push(decodeLogEntry(row.data));
        this.#leaves.push(new Uint8Array(row.leaf_hash));
      }
    }
  }
}
