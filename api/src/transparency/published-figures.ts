import { toBase64, type ReportingPeriod, type TransparencyFigures } from '@counterweight/shared';
import { ApiError } from '../errors';
import { LogIntegrityError, type StoredEntry } from '../log/transparency-log';
import { FigureIndex } from './figure-index';
import { decodeLogEntry } from './log-reader';

/** What the figures need from the transparency log (`TransparencyLog` has it). */
export interface PublishedLog {
  /** Tree size of the latest published checkpoint. */
  readonly size: number;
  /** RFC 9162 root of the first `size` entries. */
  root(size: number): Uint8Array;
  /** Entries `[start, end)`, each checked against its leaf hash in the tree. */
  entries(start: number, end: number): Promise<StoredEntry[]>;
}

/** The checkpoint figures were computed at: tree size and root hash (standard base64). */
export interface FigureCheckpoint {
  treeSize: number;
  rootHash: string;
}

/** Entries read per page while catching up: a page's decoding holds the event loop ~20 ms. */
const PAGE = 1000;

/**
 * The transparency figures of this instance, over the entries of the published checkpoint only.
 *
 * Why a per-instance index and not a table of per-day sums in the database: a figure may count
 * only entries that a signed checkpoint covers and whose bytes were checked against the tree,
 * which a trigger or a write-path update cannot know (it sees rows before they are integrated,
 * and it would trust the stored bytes); a decision's duration needs the report it decides,
 * wherever that lies in the log; and medians need every duration, not a sum. So each instance
 * reads the log's entries once, in order, through `TransparencyLog.entries` (which checks each
 * entry's bytes against its leaf hash), up to the latest checkpoint's tree size, and keeps
 * per-day sums ({@link FigureIndex}). It is filled incrementally: a request first reads the
 * entries published since the last one (usually none or a few), whoever wrote them: entries are
 * read from the shared `log_entries` table by index, so entries committed by other instances on
 * the same database count exactly like this one's. A request then costs O(days in its period).
 */
export class PublishedFigures {
  readonly #index = new FigureIndex();
  #catchingUp: Promise<void> | null = null;

  constructor(private readonly log: PublishedLog) {}

  /** Reads the entries published since the last call; concurrent callers share one read. */
  async update(): Promise<void> {
    while (this.#index.size < this.log.size) {
      this.#catchingUp ??= this.#catchUp(this.log.size).finally(() => {
        this.#catchingUp = null;
      });
      await this.#catchingUp;
    }
  }

  /**
   * Brings the figures up to the latest checkpoint, then answers `compute` with the checkpoint
   * they were computed at. `compute` runs synchronously, so no entry is added meanwhile.
   */
  async at<T>(
    compute: (figures: (period: ReportingPeriod) => TransparencyFigures) => T,
  ): Promise<{ checkpoint: FigureCheckpoint; result: T }> {
    await this.update();
    const treeSize = this.#index.size;
    return {
      checkpoint: { treeSize, rootHash: toBase64(this.log.root(treeSize)) },
      result: compute((period) => this.#index.figures(period)),
    };
  }

  async #catchUp(target: number): Promise<void> {
    while (this.#index.size < target) {
      const start = this.#index.size;
      const stored = await this.log
        .entries(start, Math.min(target, start + PAGE))
        .catch((error: unknown) => {
          throw error instanceof LogIntegrityError
            ? new ApiError('log_integrity', error.message)
            : error;
        });
      for (const { data } of stored) this.#index.add(decodeLogEntry(data));
      // Let other requests (and /health) in between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
