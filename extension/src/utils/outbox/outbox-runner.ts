import type { TypedItem } from '../storage/typed-item';
import type { Connection } from '../storage/items';
import {
  applyOutcome,
  createEntry,
  dueEntries,
  nextWakeAt,
  requeue,
  type DeliveryOutcome,
} from './outbox';
import type { OutboxEntry, OutboxKind } from './outbox-entry';
import { fetchProgress, nextProgressAt, progressDue, withProgress } from './progress';

export interface OutboxDeps {
  outbox: TypedItem<OutboxEntry[]>;
  connection: () => Promise<Pick<Connection, 'apiBaseUrl' | 'token'>>;
  deliver: (
    entry: OutboxEntry,
    connection: Pick<Connection, 'apiBaseUrl' | 'token'>,
  ) => Promise<DeliveryOutcome>;
  /** Asks to be woken at `when` (epoch ms) to flush again; survives the service worker stopping. */
  wakeAt: (when: number) => void;
  /** Asks the API where sent reports stand (default: {@link fetchProgress}). */
  fetchProgress?: typeof fetchProgress;
  now?: () => number;
  random?: () => number;
  newKey?: () => string;
}

/**
 * The outbox as the background runs it: every change goes through one queue, so two flushes
 * never send the same entry at once, and every state is written to storage before and after
 * each attempt (a browser restart resumes where it stopped, with the same keys).
 */
export class OutboxRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newKey: () => string;

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.newKey = deps.newKey ?? (() => crypto.randomUUID());
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Adds a submission, stored before this resolves, and starts delivering it. Returns its key. */
  async enqueue(input: {
    kind: OutboxKind;
    path: string;
    body: OutboxEntry['body'];
    summary: OutboxEntry['summary'];
    screenshotSha256: string | null;
  }): Promise<string> {
    const key = this.newKey();
    await this.serial(() =>
      this.deps.outbox.update((entries) => [
        ...entries,
        createEntry({ ...input, key, now: this.now() }),
      ]),
    );
    void this.flush();
    return key;
  }

  /**
   * Attempts every due entry once, checks the progress of the sent reports that are due for it
   * (backing off as they age, see `progressDueAt`), then schedules the next wake-up.
   */
  flush(): Promise<void> {
    return this.serial(async () => {
      const connection = await this.deps.connection();
      for (const due of dueEntries(await this.deps.outbox.get(), this.now())) {
        await this.replace(due.key, (e) => ({ ...e, state: 'sending' }));
        const outcome = await this.deps.deliver(due, connection);
        await this.replace(due.key, (e) => applyOutcome(e, outcome, this.now(), this.random()));
      }
      await this.checkProgress(connection);
      const entries = await this.deps.outbox.get();
      const times = [nextWakeAt(entries), nextProgressAt(entries)].filter(
        (t): t is number => t !== null,
      );
      if (times.length > 0) this.deps.wakeAt(Math.min(...times));
    });
  }

  private async checkProgress(connection: { apiBaseUrl: string; token: string }): Promise<void> {
    const due = progressDue(await this.deps.outbox.get(), this.now());
    if (due.length === 0) return;
    const ask = this.deps.fetchProgress ?? fetchProgress;
    const lines = await ask(
      due.map((e) => e.receipt!.id),
      connection,
    );
    const now = this.now();
    const byId = new Map((lines ?? []).map((line) => [line.id, line]));
    const keys = new Set(due.map((e) => e.key));
    await this.deps.outbox.update((entries) =>
      entries.map((e) => {
        if (!keys.has(e.key)) return e;
        const line = byId.get(e.receipt!.id);
        if (line) return withProgress(e, line, connection.apiBaseUrl, now);
        // not answered (API down, or a report the API no longer knows): asked again later
        return { ...e, progressAskedAt: new Date(now).toISOString() };
      }),
    );
  }

  /** Puts a refused or waiting entry back in line now (same key), then flushes. */
  async retry(key: string): Promise<void> {
    await this.serial(() => this.replace(key, (e) => requeue(e, this.now())));
    await this.flush();
  }

  /** Forgets an entry the reviewer no longer wants to see; a queued one is never dropped. */
  async remove(key: string): Promise<void> {
    await this.serial(() =>
      this.deps.outbox.update((entries) =>
        entries.filter((e) => e.key !== key || e.state === 'queued' || e.state === 'sending'),
      ),
    );
  }

  private async replace(key: string, fn: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
    await this.deps.outbox.update((entries) => entries.map((e) => (e.key === key ? fn(e) : e)));
  }
}
