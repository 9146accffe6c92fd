import type { Logger } from 'pino';
import type { Db } from '../db/db';
import type { LogSequencer } from '../log/sequence';
import { noticePayload } from './notice-payload';
import {
  claimDueNotices,
  markNoticeDelivered,
  markNoticeFailed,
  markNoticeRetry,
  type ClaimedNotice,
} from './notice-store';
import { Schedule } from '../jobs/schedule';

/** Options of {@link ProviderNoticeSender}. */
export interface NoticeSenderOptions {
  /** Notices claimed (and posted at once) per round (default 16). */
  batchSize?: number;
  /** How long a claim lasts before another sender may take the notice (default 60 s). */
  claimMs?: number;
  /** Pause after the first failed attempt, doubled after each (default 5 s, at most 1 h). */
  backoffMs?: number;
  /** Attempts before a notice is given up as failed (default 20). */
  maxAttempts?: number;
  /** Time allowed for one post (default 10 s). */
  timeoutMs?: number;
  /** For tests: called after the platform answered and before the answer is recorded. */
  afterAnswer?: () => void;
}

/** What one pass did. */
export interface NoticePassFigures {
  delivered: number;
  retried: number;
  failed: number;
}

const MAX_BACKOFF_MS = 60 * 60_000;

/** A failed post: whether trying again may help, and why (never the URL, token or text). */
type Failure = { retry: boolean; reason: string; retryAfterMs?: number };

/**
 * Delivers each content provider's notice to the hosting platform's endpoint, which passes it to
 * its user. Every instance may run one: a notice is claimed through the database (`sending`,
 * committed before the post), posted with `Idempotency-Key: <notice id>` so that the platform
 * can pass a notice sent twice (a lost answer, a sender that died) on once, and recorded
 * `delivered` with its log entry on a 2xx. A 408, 425, 429, 5xx, timeout or network error is
 * tried again with back-off (doubling, `Retry-After` honoured) up to `maxAttempts`; another 4xx
 * means the platform refused the notice: `failed` with the status. Order notices are not claimed
 * before their release (the end of the authority's confidentiality).
 */
export class ProviderNoticeSender {
  readonly #schedule = new Schedule(
    () => this.runOnce(),
    (error) => this.deps.logger.error({ err: error }, 'notices: delivery pass failed'),
  );

  constructor(
    private readonly deps: {
      db: Db;
      sequencer: LogSequencer;
      /** The platform's endpoint (`COUNTERWEIGHT_PROVIDER_NOTICE_URL`). */
      url: string;
      fetch?: typeof fetch;
      logger: Pick<Logger, 'warn' | 'error'>;
      now?: () => Date;
    },
    private readonly options: NoticeSenderOptions = {},
  ) {}

  get #now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** One pass: claims and posts due notices until none is left. */
  async runOnce(): Promise<NoticePassFigures> {
    const figures: NoticePassFigures = { delivered: 0, retried: 0, failed: 0 };
    const claimMs = this.options.claimMs ?? 60_000;
    for (;;) {
      const claimed = await claimDueNotices(
        this.deps.db,
        this.options.batchSize ?? 16,
        this.#now,
        claimMs,
      );
      if (claimed.length === 0) return figures;
      // All posts settle before anything is thrown: a failed pass leaves no request in flight.
      const settled = await Promise.allSettled(claimed.map((row) => this.#deliver(row, figures)));
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    }
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

  async #deliver(row: ClaimedNotice, figures: NoticePassFigures): Promise<void> {
    const made = noticePayload(row);
    if ('problem' in made) {
      await markNoticeFailed(this.deps.db, row.id, row.attempts, made.problem);
      figures.failed++;
      return;
    }
    const failure = await this.#post(row.id, JSON.stringify(made.notice));
    this.options.afterAnswer?.();
    if (!failure) {
      if (await markNoticeDelivered(this.deps.sequencer, row.id, this.#now)) figures.delivered++;
      return;
    }
    this.deps.logger.warn(
      { noticeId: row.id, attempt: row.attempts, reason: failure.reason },
      'notices: delivery failed',
    );
    const maxAttempts = this.options.maxAttempts ?? 20;
    if (!failure.retry || row.attempts >= maxAttempts) {
      const reason = failure.retry
        ? `given up after ${row.attempts} attempts: ${failure.reason}`
        : failure.reason;
      await markNoticeFailed(this.deps.db, row.id, row.attempts, reason);
      figures.failed++;
      return;
    }
    const first = this.options.backoffMs ?? 5000;
    const backoff = Math.min(MAX_BACKOFF_MS, first * 2 ** (row.attempts - 1));
    const wait = Math.max(backoff, failure.retryAfterMs ?? 0);
    await markNoticeRetry(
      this.deps.db,
      row.id,
      row.attempts,
      failure.reason,
      new Date(this.#now.getTime() + wait),
    );
    figures.retried++;
  }

  /** Posts one notice; null when the platform took it (2xx). */
  async #post(noticeId: string, body: string): Promise<Failure | null> {
    let response: Response;
    try {
      response = await (this.deps.fetch ?? fetch)(this.deps.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': noticeId },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      return { retry: true, reason: name === 'TimeoutError' ? 'timed out' : 'no answer' };
    }
    await response.body?.cancel();
    if (response.ok) return null;
    const status = response.status;
    const reason = `the platform answered HTTP ${status}`;
    if (status === 408 || status === 425 || status === 429 || status >= 500) {
      const seconds = Number(response.headers.get('retry-after'));
      return { retry: true, reason, retryAfterMs: seconds > 0 ? seconds * 1000 : undefined };
    }
    return { retry: false, reason: `the platform refused the notice: HTTP ${status}` };
  }
}
