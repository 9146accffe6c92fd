import {
  emptyFigures,
  TransparencyTally,
  type DurationSummary,
  type LogEntry,
  type ReportingPeriod,
  type TransparencyFigures,
} from '@counterweight/shared';
import { GrowableArray } from './growable-array';

const DAY_MS = 86_400_000;

/** The figures of one UTC day, and which counted entries fall on it. */
interface Day {
  /** Sums by count id (see `FigureIndex.#paths`); holes are zero. */
  counts: number[];
  reportToDecision: number[];
  appealToOutcome: number[];
  /** The duration lists are sorted (they are sorted lazily, at the first read after an add). */
  sorted: boolean;
  /** Positions (in the index's columns) of the counted entries of this day, for partial days. */
  positions: number[];
  /** The figures of the whole day, once asked for (frozen; dropped when an entry is added). */
  figures: TransparencyFigures | null;
}

/**
 * Per-day sums of the transparency figures, fed the log's entries in log order, so that the
 * figures of any period cost O(days in the period) instead of O(log size).
 *
 * Each entry's contribution is fixed once the entries before it are known
 * ({@link TransparencyTally}), so it is worked out once, as the entry is read, and added to the
 * sums of the UTC day of its `at`. A period made of whole days adds those days' sums; a day cut by
 * the period's `from` or `to` is recounted from its own entries, whose contributions are kept in
 * compact columns (time, kind, duration: about 24 bytes an entry). Medians and p90s are exact:
 * each day keeps its durations sorted and the nearest rank over several days is selected by a
 * binary search on the value. The result equals `computeTransparencyFigures` over the same
 * entries, count for count.
 */
export class FigureIndex {
  readonly #tally = new TransparencyTally();
  #size = 0;
  /** Figure paths (keys from the root), by count id. */
  readonly #paths: string[][] = [];
  readonly #pathIds = new Map<string, number>();
  /** Distinct contributions ("kinds"): their count ids, +1 or -1 each, and which duration they carry. */
  readonly #kinds: { ids: number[]; signs: number[]; duration: 'r' | 'a' | null }[] = [];
  readonly #kindIds = new Map<string, number>();
  /** Columns of the counted entries. */
  readonly #at = new GrowableArray(Float64Array);
  readonly #kind = new GrowableArray(Uint32Array);
  readonly #duration = new GrowableArray(Float64Array);
  readonly #days = new Map<number, Day>();
  /** The keys of `#days`, ascending. */
  readonly #dayKeys: number[] = [];

  /** Number of log entries read so far. */
  get size(): number {
    return this.#size;
  }

  /** Reads the next entry of the log (entries must come in log order, none left out). */
  add(entry: LogEntry): void {
    this.#size++;
    const c = this.#tally.add(entry);
    if (!c) return;
    const duration = c.reportToDecisionMs ?? c.appealToOutcomeMs;
    const tag = c.reportToDecisionMs !== null ? 'r' : c.appealToOutcomeMs !== null ? 'a' : null;
    this.#count(c.at, c.counts, [], tag, duration);
    // An appeal's decision revises the counts of its decision's day, which may be long past.
    for (const r of c.revisions) this.#count(r.at, r.add, r.remove, null, null);
  }

  /** Adds one counted position at `at`: +1 at each path of `add`, -1 at each of `remove`. */
  #count(
    at: number,
    add: readonly string[],
    remove: readonly string[],
    tag: 'r' | 'a' | null,
    duration: number | null,
  ): void {
    const key = `${add.join('|')}-${remove.join('|')}#${tag ?? ''}`;
    let kindId = this.#kindIds.get(key);
    if (kindId === undefined) {
      kindId = this.#kinds.length;
      this.#kinds.push({
        ids: [...add, ...remove].map((path) => this.#pathId(path)),
        signs: [...add.map(() => 1), ...remove.map(() => -1)],
        duration: tag,
      });
      this.#kindIds.set(key, kindId);
    }
    const position = this.#at.length;
    this.#at.push(at);
    this.#kind.push(kindId);
    this.#duration.push(duration ?? Number.NaN);

    const day = this.#day(Math.floor(at / DAY_MS));
    day.positions.push(position);
    day.figures = null;
    const kind = this.#kinds[kindId]!;
    kind.ids.forEach((id, i) => (day.counts[id] = (day.counts[id] ?? 0) + kind.signs[i]!));
    if (duration !== null) {
      (tag === 'r' ? day.reportToDecision : day.appealToOutcome).push(duration);
      day.sorted = false;
    }
  }

  /**
   * Every figure of `period` over the entries read so far. The answer may be shared and is
   * frozen: copy it to change it.
   */
  figures(period: ReportingPeriod): TransparencyFigures {
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    if (from % DAY_MS === 0 && to - from === DAY_MS) return this.#wholeDay(from / DAY_MS);
    return this.#sum(from, to);
  }

  /** The figures of one whole UTC day (a series by day asks for little else). */
  #wholeDay(key: number): TransparencyFigures {
    const day = this.#days.get(key);
    if (!day) return EMPTY;
    day.figures ??= deepFreeze(this.#sum(key * DAY_MS, (key + 1) * DAY_MS));
    return day.figures;
  }

  #sum(from: number, to: number): TransparencyFigures {
    const sums: number[] = new Array<number>(this.#paths.length).fill(0);
    const reportToDecision: number[][] = [];
    const appealToOutcome: number[][] = [];
    for (let i = lowerBound(this.#dayKeys, Math.floor(from / DAY_MS)); ; i++) {
      const key = this.#dayKeys[i];
      if (key === undefined || key * DAY_MS >= to) break;
      const day = this.#days.get(key)!;
      if (from <= key * DAY_MS && (key + 1) * DAY_MS <= to) {
        for (let id = 0; id < day.counts.length; id++) sums[id]! += day.counts[id] ?? 0;
        if (!day.sorted) {
          day.reportToDecision.sort(ascending);
          day.appealToOutcome.sort(ascending);
          day.sorted = true;
        }
        reportToDecision.push(day.reportToDecision);
        appealToOutcome.push(day.appealToOutcome);
      } else {
        const partial = this.#partialDay(day, from, to, sums);
        reportToDecision.push(partial.reportToDecision);
        appealToOutcome.push(partial.appealToOutcome);
      }
    }
    const figures = emptyFigures();
    // A revised count may sum to zero: left out, as a territory with nothing in it is.
    sums.forEach((n, id) => {
      if (n !== 0) addAt(figures, this.#paths[id]!, n);
    });
    figures.timings.reportToDecision = summarise(reportToDecision);
    figures.timings.appealToOutcome = summarise(appealToOutcome);
    return figures;
  }

  /** Adds the entries of `day` within [from, to) to `sums`; returns their sorted durations. */
  #partialDay(day: Day, from: number, to: number, sums: number[]) {
    const reportToDecision: number[] = [];
    const appealToOutcome: number[] = [];
    for (const position of day.positions) {
      const at = this.#at.get(position);
      if (at < from || at >= to) continue;
      const kind = this.#kinds[this.#kind.get(position)]!;
      kind.ids.forEach((id, i) => (sums[id]! += kind.signs[i]!));
      if (kind.duration === 'r') reportToDecision.push(this.#duration.get(position));
      if (kind.duration === 'a') appealToOutcome.push(this.#duration.get(position));
    }
    return {
      reportToDecision: reportToDecision.sort(ascending),
      appealToOutcome: appealToOutcome.sort(ascending),
    };
  }

  #pathId(path: string): number {
    let id = this.#pathIds.get(path);
    if (id === undefined) {
      id = this.#paths.length;
      this.#paths.push(path.split('.'));
      this.#pathIds.set(path, id);
    }
    return id;
  }

  #day(key: number): Day {
    let day = this.#days.get(key);
    if (day) return day;
    day = {
      counts: [],
      reportToDecision: [],
      appealToOutcome: [],
      sorted: true,
      positions: [],
      figures: null,
    };
    this.#days.set(key, day);
    // Entries come in log order, which is nearly time order: a new day is almost always the last.
    const last = this.#dayKeys[this.#dayKeys.length - 1];
    if (last === undefined || key > last) this.#dayKeys.push(key);
    else this.#dayKeys.splice(lowerBound(this.#dayKeys, key), 0, key);
    return day;
  }
}

const ascending = (a: number, b: number) => a - b;

/** Adds `n` to the count at `keys` of `figures` (a territory not yet listed starts at 0). */
function addAt(figures: TransparencyFigures, keys: readonly string[], n: number): void {
  let node = figures as unknown as Record<string, unknown>;
  for (let i = 0; i < keys.length - 1; i++) node = node[keys[i]!] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  node[last] = ((node[last] as number | undefined) ?? 0) + n;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const EMPTY = deepFreeze(emptyFigures());

/** First index of `sorted` whose value is >= `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values of `sorted` that are <= `value`. */
function countAtMost(sorted: readonly number[], value: number): number {
  return lowerBound(sorted, value + 1); // durations are whole milliseconds
}

/**
 * The value of 0-based rank `k` in the union of sorted lists of whole numbers: a binary search on
 * the value, counting in each list by binary search (O(lists × log n × log range)).
 */
export function rankInSortedLists(lists: readonly (readonly number[])[], k: number): number {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0]![k]!;
  let lo = Math.min(...nonEmpty.map((list) => list[0]!));
  let hi = Math.max(...nonEmpty.map((list) => list[list.length - 1]!));
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let count = 0;
    for (const list of nonEmpty) count += countAtMost(list, mid);
    if (count > k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Nearest-rank median and p90 over sorted lists, as `nearestRank` in shared computes them. */
function summarise(lists: readonly (readonly number[])[]): DurationSummary {
  const count = lists.reduce((n, list) => n + list.length, 0);
  if (count === 0) return { count, medianMs: null, p90Ms: null };
  const at = (q: number) => rankInSortedLists(lists, Math.max(0, Math.ceil(q * count) - 1));
  return { count, medianMs: at(0.5), p90Ms: at(0.9) };
}
