import type { Logger } from 'pino';
import { preserveRemovedContent } from '../preservation/holds';
import { purgeExpiredContent, type RetentionDeps } from './purge';
import { purgeComplaintGrounds } from './purge-complaints';
import { Schedule } from '../jobs/schedule';

/**
 * Sets preservation holds, then runs the retention purge (report content, then the grounds of
 * complaints on removal orders), now and every `intervalMs`, one run at a time.
 */
export class RetentionJob {
  readonly #schedule = new Schedule(
    () => this.#purge(),
    (error) => this.logger.error({ err: error }, 'retention: purge failed'),
  );

  constructor(
    private readonly deps: RetentionDeps,
    private readonly logger: Pick<Logger, 'info' | 'error'>,
    private readonly intervalMs = 60 * 60 * 1000,
  ) {}

  /** Starts the schedule; the timer does not keep the process alive. */
  start(): this {
    this.#schedule.start(this.intervalMs);
    return this;
  }

  /** One purge run (joins the run in progress, if any). Errors are logged, never thrown. */
  runOnce(): Promise<void> {
    return this.#schedule.runOnce();
  }

  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void> {
    return this.#schedule.stop();
  }

  async #purge(): Promise<void> {
    // Holds first, so that removed content is never purged before it is preserved.
    await preserveRemovedContent(this.deps);
    const ids = await purgeExpiredContent(this.deps);
    if (ids.length > 0)
      this.logger.info({ purged: ids.length }, 'retention: report content purged');
    const grounds = await purgeComplaintGrounds(this.deps);
    if (grounds.length > 0)
      this.logger.info({ purged: grounds.length }, 'retention: order complaint grounds purged');
  }
}
