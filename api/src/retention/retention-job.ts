import type { Logger } from 'pino';
import { preserveRemovedContent } from '../preservation/holds';
import { purgeExpiredContent, type RetentionDeps } from './purge';
import { purgeComplaintGrounds } from './purge-complaints';

/**
 * Sets preservation holds, then runs the retention purge (report content, then the grounds of
 * complaints on removal orders), now and every `intervalMs`, one run at a time.
 */
export class RetentionJob {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly deps: RetentionDeps,
    private readonly logger: Pick<Logger, 'info' | 'error'>,
    private readonly intervalMs = 60 * 60 * 1000,
  ) {}

  /** Starts the schedule; the timer does not keep the process alive. */
  start(): this {
    if (this.#timer) return this;
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.#timer.unref();
    return this;
  }

  /** One purge run (joins the run in progress, if any). Errors are logged, never thrown. */
  runOnce(): Promise<void> {
    // Holds first, so that removed content is never purged before it is preserved.
    this.#running ??= preserveRemovedContent(this.deps)
      .then(() => purgeExpiredContent(this.deps))
      .then(async (ids) => {
        if (ids.length > 0)
          this.logger.info({ purged: ids.length }, 'retention: report content purged');
        const grounds = await purgeComplaintGrounds(this.deps);
        if (grounds.length > 0)
          this.logger.info({ purged: grounds.length }, 'retention: order complaint grounds purged');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'retention: purge failed'))
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
