/**
 * An asynchronous token bucket: {@link RateLimiter.acquire} resolves when a request may be made,
 * so that no more than `perMinute` requests go out in a minute, at most half a second's worth at
 * once. Half, not the database's whole second: requests sent evenly can arrive bunched (the
 * event loop, the network), and with the same burst as the database's bucket a few of them met
 * a 429 in the benchmark (4 in 1,004 requests); with half none did.
 */
export class RateLimiter {
  #tokens: number;
  #at: number;
  #queue: Promise<void> = Promise.resolve();
  readonly #perMs: number;
  readonly #capacity: number;

  constructor(
    perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#perMs = perMinute / 60_000;
    this.#capacity = Math.max(1, Math.floor(perMinute / 120));
    this.#tokens = this.#capacity;
    this.#at = now();
  }

  /** Waits for a token, in call order. */
  acquire(): Promise<void> {
    const turn = this.#queue.then(() => this.#take());
    this.#queue = turn;
    return turn;
  }

  /** Spends the tokens of the next `ms` (after a 429: the database wants a pause). */
  pause(ms: number): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, 0) - ms * this.#perMs;
  }

  #refill(): void {
    const now = this.now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
  }

  async #take(): Promise<void> {
    for (;;) {
      this.#refill();
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.ceil((1 - this.#tokens) / this.#perMs)),
      );
    }
  }
}
