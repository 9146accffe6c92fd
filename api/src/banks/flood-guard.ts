/** Options of {@link FloodGuard}. */
export interface FloodOptions {
  /** Matches within the last hour below which a signal is never held (default 100). */
  minMatches?: number;
  /** How many times its usual hourly rate a signal may match before it is held (default 10). */
  factor?: number;
  /** Hours of history the usual rate is the mean of (default 7 days). */
  historyHours?: number;
  now?: () => number;
}

const HOUR = 3_600_000;

/**
 * Flood quarantine: a signal that suddenly matches far more than its history (a common image
 * banked by mistake, a label applied to a meme everyone shares) is held for a person to review
 * instead of matching. Counts matches per signal per hour; `record` says when a signal's count
 * in the current hour reaches `minMatches` and exceeds `factor` times its mean hourly count over
 * the previous `historyHours`. Counts are kept in memory, per server process.
 */
export class FloodGuard {
  readonly #counts = new Map<string, Map<number, number>>();
  readonly #min: number;
  readonly #factor: number;
  readonly #history: number;
  readonly #now: () => number;

  constructor(options: FloodOptions = {}) {
    this.#min = options.minMatches ?? 100;
    this.#factor = options.factor ?? 10;
    this.#history = options.historyHours ?? 24 * 7;
    this.#now = options.now ?? Date.now;
  }

  /** Counts one match of `signalId`; returns the figures when the signal floods, else null. */
  record(signalId: string): { lastHour: number; usualPerHour: number } | null {
    const hour = Math.floor(this.#now() / HOUR);
    let hours = this.#counts.get(signalId);
    if (!hours) this.#counts.set(signalId, (hours = new Map()));
    const lastHour = (hours.get(hour) ?? 0) + 1;
    hours.set(hour, lastHour);
    let before = 0;
    for (const [h, n] of hours) {
      if (h < hour - this.#history) hours.delete(h);
      else if (h < hour) before += n;
    }
    const usualPerHour = before / this.#history;
    if (lastHour >= this.#min && lastHour > this.#factor * usualPerHour) {
      this.#counts.delete(signalId);
      return { lastHour, usualPerHour: Math.round(usualPerHour * 100) / 100 };
    }
    return null;
  }
}
