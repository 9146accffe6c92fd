import { ProviderNotice } from '@counterweight/shared';
import { Hono } from 'hono';

/** Options of {@link NoticeReceiver}. */
export interface NoticeReceiverOptions {
  /** Share of posts answered 503 without taking the notice (default 0). */
  failBeforeRate?: number;
  /** Share of new notices taken and then answered 502, as if the answer was lost (default 0). */
  failAfterRate?: number;
  random?: () => number;
  /** The clock the receipt times are read from (default: the real one). */
  now?: () => Date;
}

/**
 * A local stand-in of a hosting platform's notice endpoint, for tests: it takes
 * `POST /notices` with a {@link ProviderNotice} and an `Idempotency-Key` equal to its
 * `noticeId` (400 otherwise, 422 for a body that is not a notice), passes each notice on to its
 * user once (`passedOn`), answers a notice it already has with 200 (`repeats` counts them), and
 * fails at random when told to, before or after taking the notice.
 */
export class NoticeReceiver {
  readonly app = new Hono();
  /** Notices passed on to their users, by notice id, each once, with the time of receipt. */
  readonly passedOn = new Map<string, { notice: ProviderNotice; at: Date }>();
  /** Posts of a notice already passed on (de-duplicated by its Idempotency-Key). */
  repeats = 0;
  requests = 0;

  constructor(private readonly options: NoticeReceiverOptions = {}) {
    this.app.post('/notices', async (c) => {
      this.requests++;
      if (this.#chance(options.failBeforeRate)) return c.json({ message: 'Unavailable' }, 503);
      const key = c.req.header('idempotency-key');
      const parsed = ProviderNotice.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ message: 'not a provider notice' }, 422);
      if (key !== parsed.data.noticeId)
        return c.json({ message: 'Idempotency-Key must be the notice id' }, 400);
      if (this.passedOn.has(key)) {
        this.repeats++;
        return c.json({ noticeId: key, duplicate: true }, 200);
      }
      this.passedOn.set(key, { notice: parsed.data, at: (options.now ?? (() => new Date()))() });
      if (this.#chance(options.failAfterRate)) return c.json({ message: 'Bad Gateway' }, 502);
      return c.json({ noticeId: key }, 201);
    });
  }

  #chance(rate = 0): boolean {
    return rate > 0 && (this.options.random ?? Math.random)() < rate;
  }
}
