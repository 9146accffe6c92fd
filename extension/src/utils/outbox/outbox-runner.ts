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

export interface OutboxDeps {
  outbox: TypedItem<OutboxEntry[]>;
  connection: () => Promise<Pick<Connection, 'apiBaseUrl' | 'token'>>;
  deliver: (
    entry: OutboxEntry,
    connection: Pick<Connection, 'apiBaseUrl' | 'token'>,
  ) => Promise<DeliveryOutcome>;
  /** Asks to be woken at `when` (epoch ms) to flush again; survives the service worker stopping. */
  wakeAt: (when: number) => void;
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

  /** Attempts every due entry once, then schedules the next wake-up. */
  flush(): Promise<void> {
    return this.serial(async () => {
      const connection = await this.deps.connection();
      for (const due of dueEntries(await this.deps.outbox.get(), this.now())) {
        await this.replace(due.key, (e) => ({ ...e, state: 'sending' }));
        const outcome = await this.deps.deliver(due, connection);
        await this.replace(due.key, (e) => applyOutcome(e, outcome, this.now(), this.random()));
      }
      const wake = nextWakeAt(await this.deps.outbox.get());
      if (wake !== null) this.deps.wakeAt(wake);
    });
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
