import {
  TDB_MAX_BATCH,
  tdbProblems,
  tdbStatement,
  type StatementOfReasons,
} from '@counterweight/shared';
import type { Logger } from 'pino';
import type { Db } from '../db/db';
import {
  claimPending,
  enqueueNewStatements,
  markDelivered,
  markPending,
  markRefused,
  uncertainDeliveries,
  type Claimed,
} from './delivery-store';
import { RateLimiter } from './rate-limiter';
import { PUID_TAKEN, type TdbClient } from './tdb-client';
import { Schedule } from '../jobs/schedule';

/** Options of {@link TdbSender}. */
export interface TdbSenderOptions {
  /** The account's limit at the database (default 4,000 requests a minute). */
  requestsPerMinute?: number;
  /** Batches in flight at once (default 8). */
  concurrency?: number;
  /** Statements per batch (at most, and by default, 100). */
  batchSize?: number;
  /** First pause after a 429 or an uncertain answer; doubled each time (default 1 s, at most 5 min). */
  backoffMs?: number;
  /** For tests: called after the database answered and before the answer is recorded. */
  afterAnswer?: () => void;
}

/** What one pass did. */
export interface PassFigures {
  delivered: number;
  refused: number;
  /** Whether the pass stopped early on a 429 or an uncertain answer (then it waited). */
  backedOff: boolean;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Delivers statements of reasons to the DSA Transparency Database (DSA Art. 24(5)), exactly
 * once per `puid`. Each pass first asks the database about every statement left `sending` (sent
 * before a crash, or answered with a 5xx or not at all) and records those it holds; then
 * enqueues new statements (refusing there those that break the database's v2 rules), and sends
 * the rest in batches of at most 100, several at once, within the rate limit. A 429 puts its
 * batch back in line; an uncertain answer leaves it `sending` for the next pass to ask about;
 * both pause the sender, doubling the pause each time.
 */
export class TdbSender {
  readonly #limiter: RateLimiter;
  #backoffMs = 0;
  readonly #schedule = new Schedule(
    () => this.runOnce(),
    (error) => this.deps.logger.error({ err: error }, 'tdb: pass failed'),
  );

  constructor(
    private readonly deps: {
      db: Db;
      client: TdbClient;
      logger: Pick<Logger, 'warn' | 'error' | 'info'>;
      now?: () => Date;
      /** Whether this process may send now (the one holding the log lease); default: always. */
      active?: () => boolean;
    },
    private readonly options: TdbSenderOptions = {},
  ) {
    this.#limiter = new RateLimiter(options.requestsPerMinute ?? 4000);
  }

  get #now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** One pass: recover, enqueue, send until nothing is pending or the database pushes back. */
  async runOnce(): Promise<PassFigures> {
    const figures: PassFigures = { delivered: 0, refused: 0, backedOff: false };
    if (this.deps.active && !this.deps.active()) return figures;
    if (!(await this.#recover(figures))) return this.#backOff(figures);
    await enqueueNewStatements(this.deps.db, 1000, this.#now);
    const batchSize = Math.min(TDB_MAX_BATCH, this.options.batchSize ?? TDB_MAX_BATCH);
    const concurrency = this.options.concurrency ?? 8;
    const claim = () => claimPending(this.deps.db, batchSize * concurrency, this.#now);
    // The next round is claimed while this one is sent, and this one's deliveries are recorded
    // while the next is sent: the database and the HTTP round trips overlap.
    let next = claim();
    let recording: Promise<void> = Promise.resolve();
    for (;;) {
      const claimed = await next;
      if (claimed.length === 0) break;
      next = claim();
      const batches: Claimed[][] = [];
      for (let i = 0; i < claimed.length; i += batchSize)
        batches.push(claimed.slice(i, i + batchSize));
      // All batches settle before anything is thrown: a failed pass leaves no request in flight.
      const delivered = new Map<string, string>();
      const settled = await Promise.allSettled(
        batches.map((batch) => this.#sendBatch(batch, figures, delivered)),
      );
      await recording;
      recording = markDelivered(this.deps.db, delivered, this.#now);
      figures.delivered += delivered.size;
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      const pushedBack = settled.some((s) => s.status === 'fulfilled' && !s.value);
      if (failed || pushedBack) {
        // The round claimed ahead was not sent: back in line.
        const unsent = await next;
        await recording;
        await markPending(
          this.deps.db,
          unsent.map((item) => item.puid),
        );
        if (failed) throw failed.reason;
        return this.#backOff(figures);
      }
      this.#backoffMs = 0;
    }
    await recording;
    return figures;
  }

  /** Starts passes every `intervalMs` (default 5 s), one at a time; the timer does not hold the process. */
  start(intervalMs = 5000): this {
    this.#schedule.start(intervalMs);
    return this;
  }

  /** Stops the passes and waits for the one in progress. */
  stop(): Promise<void> {
    return this.#schedule.stop();
  }

  /** Asks about every statement left `sending`; false when the database could not answer. */
  async #recover(figures: PassFigures): Promise<boolean> {
    for (;;) {
      const puids = await uncertainDeliveries(this.deps.db, 500);
      if (puids.length === 0) return true;
      const found = new Map<string, string>();
      const absent: string[] = [];
      for (const puid of puids) {
        await this.#limiter.acquire();
        const answer = await this.deps.client.existingPuid(puid);
        if (answer.kind === 'found') found.set(puid, answer.uuid);
        else if (answer.kind === 'absent') absent.push(puid);
        else {
          if (answer.kind === 'rate_limited') this.#limiter.pause(answer.retryAfterMs);
          await markDelivered(this.deps.db, found, this.#now);
          await markPending(this.deps.db, absent);
          figures.delivered += found.size;
          return false;
        }
      }
      await markDelivered(this.deps.db, found, this.#now);
      await markPending(this.deps.db, absent);
      figures.delivered += found.size;
    }
  }

  /** Sends one batch and records the answer; false when the sender must pause. */
  async #sendBatch(
    batch: Claimed[],
    figures: PassFigures,
    delivered: Map<string, string>,
  ): Promise<boolean> {
    if (batch.length === 0) return true;
    await this.#limiter.acquire();
    const answer = await this.deps.client.send(batch.map((item) => item.body));
    this.options.afterAnswer?.();
    const puids = batch.map((item) => item.puid);
    switch (answer.kind) {
      case 'accepted':
        for (const [puid, uuid] of answer.uuids) delivered.set(puid, uuid);
        return true;
      case 'rate_limited':
        this.#limiter.pause(answer.retryAfterMs);
        await markPending(this.deps.db, puids);
        return false;
      case 'uncertain':
        this.deps.logger.warn({ reason: answer.reason }, 'tdb: uncertain answer, will ask');
        return false; // left `sending`: the next pass asks the database about each
      case 'refused': {
        // The whole batch was refused. A puid the database holds already was delivered before
        // (asked about next pass); statements with their own errors are refused; the rest wait.
        const refused = new Map<string, string>();
        const taken: string[] = [];
        const retry: string[] = [];
        batch.forEach((item, index) => {
          const reason = answer.reasons.get(index) ?? (batch.length === 1 ? answer.message : null);
          if (reason?.includes(PUID_TAKEN)) taken.push(item.puid);
          else if (reason) refused.set(item.puid, reason);
          else retry.push(item.puid);
        });
        await markRefused(this.deps.db, refused);
        await markPending(this.deps.db, retry);
        figures.refused += refused.size;
        return taken.length === 0;
      }
    }
  }

  #backOff(figures: PassFigures): Promise<PassFigures> {
    // The pause doubles only while passes make no progress at all.
    const first = this.options.backoffMs ?? 1000;
    this.#backoffMs =
      this.#backoffMs === 0 || figures.delivered > 0
        ? first
        : Math.min(MAX_BACKOFF_MS, this.#backoffMs * 2);
    figures.backedOff = true;
    return new Promise((resolve) => setTimeout(() => resolve(figures), this.#backoffMs));
  }
}
