import {
  MATCH_THRESHOLDS,
  PdqIndex,
  pdqFromHex,
  textSignalDistance,
  type Match,
  type SignalLabel,
  type SignalQuery,
} from '@counterweight/shared';
import type { BankStore, SignalRow } from './bank-store';
import type { FloodGuard } from './flood-guard';

interface Banked {
  id: string;
  bank: string;
  negative: boolean;
  label: SignalLabel;
  active: boolean;
  /** Entry in the PDQ index, for PDQ signals. */
  entry?: number;
}

/**
 * The matcher: an in-memory copy of every bank, kept current from the store's change numbers
 * (each `match` first applies the changes made since, by this process or another), answering
 * which banked signals are near each query signal. PDQ goes through a multi-index hash table,
 * MD5 and SHA-256 through an exact map, text signals through a scan of the banked ones.
 *
 * For each query signal: a match in a **negative** bank (known lawful content) suppresses every
 * match of that signal; a signal the flood guard trips on is held (stored, logged) and stops
 * matching; the rest are answered, nearest first.
 */
export class BankMatcher {
  readonly #signals = new Map<string, Banked>();
  readonly #exact = new Map<string, Set<string>>();
  readonly #text = new Map<string, string>();
  readonly #pdq = new PdqIndex();
  readonly #pdqIds: string[] = [];
  #seq = '0';
  #refreshing: Promise<void> | null = null;

  constructor(
    private readonly store: BankStore,
    private readonly flood: FloodGuard,
  ) {}

  /** Applies every bank change since the last one seen. */
  async refresh(): Promise<void> {
    this.#refreshing ??= (async () => {
      try {
        for (const row of await this.store.allChangesSince(this.#seq)) {
          this.#apply(row);
          this.#seq = row.change_seq;
        }
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  #apply(row: SignalRow): void {
    const previous = this.#signals.get(row.id);
    const active = !row.removed && !row.held;
    const banked: Banked = {
      id: row.id,
      bank: row.bank,
      negative: row.kind === 'negative',
      label: { category: row.category, source: row.source },
      active,
      entry: previous?.entry,
    };
    this.#signals.set(row.id, banked);
    if (row.type === 'pdq') {
      if (previous?.entry !== undefined) this.#pdq.remove(previous.entry);
      banked.entry = undefined;
      if (active) {
        banked.entry = this.#pdq.add(pdqFromHex(row.value));
        this.#pdqIds[banked.entry] = row.id;
      }
    } else if (row.type === 'text') {
      if (active) this.#text.set(row.id, row.value);
      else this.#text.delete(row.id);
    } else {
      const key = `${row.type}:${row.value}`;
      const ids = this.#exact.get(key) ?? new Set();
      if (active) ids.add(row.id);
      else ids.delete(row.id);
      this.#exact.set(key, ids);
    }
  }

  /** The matches of each query signal (see the class comment), by query order. */
  async match(queries: SignalQuery[]): Promise<{
    matches: Match[];
    flooded: { id: string; lastHour: number; usualPerHour: number }[];
  }> {
    await this.refresh();
    const matches: Match[] = [];
    const flooded: { id: string; lastHour: number; usualPerHour: number }[] = [];
    queries.forEach((query, index) => {
      const found = this.#candidates(query).filter((c) => c.signal.active);
      if (found.some((c) => c.signal.negative)) return;
      for (const { signal, distance } of found) {
        const flood = this.flood.record(signal.id);
        if (flood) {
          signal.active = false;
          flooded.push({ id: signal.id, ...flood });
          continue;
        }
        matches.push({ signal: index, bank: signal.bank, distance, label: signal.label });
      }
    });
    return { matches, flooded };
  }

  #candidates(query: SignalQuery): { signal: Banked; distance: number }[] {
    const out: { signal: Banked; distance: number }[] = [];
    if (query.type === 'pdq') {
      for (const { entry, distance } of this.#pdq.query(
        pdqFromHex(query.value),
        MATCH_THRESHOLDS.pdq,
      ))
        out.push({ signal: this.#signals.get(this.#pdqIds[entry]!)!, distance });
    } else if (query.type === 'text') {
      for (const [id, value] of this.#text) {
        const distance = textSignalDistance(value, query.value);
        if (distance <= MATCH_THRESHOLDS.text)
          out.push({ signal: this.#signals.get(id)!, distance });
      }
      out.sort((a, b) => a.distance - b.distance);
    } else {
      for (const id of this.#exact.get(`${query.type}:${query.value}`) ?? [])
        out.push({ signal: this.#signals.get(id)!, distance: 0 });
    }
    return out;
  }
}
