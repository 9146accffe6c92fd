/**
 * A background job run every `intervalMs`, one run at a time: a run asked for while one is in
 * progress joins it instead of starting another. A run's error goes to `onError`, never thrown;
 * the timer does not keep the process alive. Used by the retention purge, the removal-order
 * deadline alerts, the Transparency Database sender and the provider-notice sender.
 */
export class Schedule {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** One run now, or the one in progress. */
  runOnce(): Promise<void> {
    this.#running ??= this.run()
      .then(
        () => undefined,
        (error: unknown) => {
          this.onError(error);
        },
      )
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** Runs every `intervalMs` (and at once unless `immediately` is false). */
  start(intervalMs: number, { immediately = true } = {}): void {
    if (this.#timer) return;
    if (immediately) void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
