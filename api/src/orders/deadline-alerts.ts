import { ORDER_ALERT_BEFORE_MS } from '@counterweight/shared';
import type { Logger } from 'pino';
import { isoSql, type Db } from '../db/db';
import { Schedule } from '../jobs/schedule';

/** What the alerts need: the database, a clock, where to post, and how (injectable for tests). */
export interface DeadlineAlertDeps {
  db: Db;
  now: () => Date;
  webhookUrl: string;
  fetch?: typeof fetch;
  logger: Pick<Logger, 'warn' | 'error'>;
}

/** The JSON body posted to the webhook for an order with 15 minutes (or less) left. */
export interface DeadlineAlert {
  event: 'removal_order_deadline';
  orderId: string;
  reference: string;
  memberState: string;
  receivedAt: string;
  deadline: string;
  minutesLeft: number;
}

type DueRow = Omit<DeadlineAlert, 'event' | 'minutesLeft'>;

/**
 * Posts one alert per open order whose deadline is 15 minutes away or less. Each order is
 * claimed first (`alerted_at` set under the row's lock), so several API instances send it once;
 * a webhook that fails or answers non-2xx releases the claim and the next run tries again.
 * Returns the ids of the orders alerted now.
 */
export async function sendDeadlineAlerts(deps: DeadlineAlertDeps): Promise<string[]> {
  const now = deps.now();
  const due = await deps.db.query<DueRow>(
    `UPDATE removal_orders SET alerted_at = $1
     WHERE status = 'open' AND alerted_at IS NULL AND deadline - $2 * interval '1 millisecond' <= $1
     RETURNING id::text AS "orderId", reference, member_state AS "memberState",
       ${isoSql('received_at')} AS "receivedAt", ${isoSql('deadline')} AS deadline`,
    [now.toISOString(), ORDER_ALERT_BEFORE_MS],
  );
  const sent: string[] = [];
  for (const order of due) {
    const alert: DeadlineAlert = {
      event: 'removal_order_deadline',
      ...order,
      minutesLeft: Math.max(0, Math.floor((Date.parse(order.deadline) - now.getTime()) / 60_000)),
    };
    try {
      const response = await (deps.fetch ?? fetch)(deps.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      sent.push(order.orderId);
    } catch (error) {
      deps.logger.warn({ err: error, orderId: order.orderId }, 'orders: deadline alert failed');
      await deps.db.query('UPDATE removal_orders SET alerted_at = NULL WHERE id = $1', [
        order.orderId,
      ]);
    }
  }
  return sent;
}

/** Runs {@link sendDeadlineAlerts} every `intervalMs` (default 15 s), one run at a time. */
export class DeadlineAlertJob {
  readonly #schedule: Schedule;

  constructor(
    private readonly deps: DeadlineAlertDeps,
    private readonly intervalMs = 15_000,
  ) {
    this.#schedule = new Schedule(
      () => sendDeadlineAlerts(deps),
      (error) => deps.logger.error({ err: error }, 'orders: alerts failed'),
    );
  }

  /** Starts the schedule (first run after one interval); the timer does not keep the process alive. */
  start(): this {
    this.#schedule.start(this.intervalMs, { immediately: false });
    return this;
  }

  /** One run (joins the run in progress). Errors are logged, never thrown. */
  runOnce(): Promise<void> {
    return this.#schedule.runOnce();
  }

  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void> {
    return this.#schedule.stop();
  }
}
