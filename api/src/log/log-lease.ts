import type { Queryable } from '../db/db';

/** Who holds the integration lease, as stored. */
export interface LeaseState {
  holder: string;
  term: number;
  expiresAt: string;
}

/**
 * The integration lease of the transparency log (the `log_lease` row): at most one process at a
 * time integrates and signs checkpoints (Trillian's and Tessera's model, one signer behind a
 * lease). The holder renews it well before it expires; any other process takes it over once it
 * has expired, so a holder that died is replaced within one lease time. Expiry is decided by the
 * database's clock, never by the processes'. {@link held} is this process's own, conservative
 * view: it counts the lease time from before the statement that granted it was sent.
 */
export class LogLease {
  #until = 0;
  #term = 0;

  constructor(
    private readonly db: Queryable,
    /** This process's name in the lease row (host, pid and a random part). */
    readonly holder: string,
    /** How long a grant or renewal lasts, in ms. */
    readonly ttlMs: number,
  ) {
    if (!Number.isInteger(ttlMs) || ttlMs < 100)
      throw new RangeError(`lease time ${ttlMs} ms is below 100 ms`);
  }

  /** Whether this process holds the lease now (by its own clock, with the grant's start). */
  get held(): boolean {
    return performance.now() < this.#until;
  }

  /** The lease term this process holds (0 when it never held it). */
  get term(): number {
    return this.#term;
  }

  /**
   * Takes the lease if it is free, expired or already ours (then renews it); with `force`, takes
   * it whoever holds it (an embedded database that only this process can open). Resolves to
   * whether this process holds it now.
   */
  async acquire(force = false): Promise<boolean> {
    const asked = performance.now();
    const [row] = await this.db.query<{ term: string }>(
      `INSERT INTO log_lease (id, holder, term, acquired_at, expires_at)
       VALUES (1, $1, 1, now(), now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET
         holder = EXCLUDED.holder,
         expires_at = EXCLUDED.expires_at,
         term = CASE WHEN log_lease.holder = EXCLUDED.holder THEN log_lease.term ELSE log_lease.term + 1 END,
         acquired_at = CASE WHEN log_lease.holder = EXCLUDED.holder THEN log_lease.acquired_at ELSE now() END
       WHERE log_lease.holder = EXCLUDED.holder OR log_lease.expires_at < now() OR $3::boolean
       RETURNING term::text AS term`,
      [this.holder, this.ttlMs, force],
    );
    if (!row) {
      this.#until = 0;
      return false;
    }
    this.#term = Number(row.term);
    this.#until = asked + this.ttlMs;
    return true;
  }

  /** Gives the lease up at once (a clean stop), so another process need not wait for expiry. */
  async release(): Promise<void> {
    this.#until = 0;
    await this.db.query(
      `UPDATE log_lease SET expires_at = '-infinity' WHERE id = 1 AND holder = $1`,
      [this.holder],
    );
  }

  /** The stored lease row, or null before anyone took it. */
  async state(): Promise<LeaseState | null> {
    const [row] = await this.db.query<{ holder: string; term: string; expires_at: string }>(
      `SELECT holder, term::text AS term, expires_at::text AS expires_at FROM log_lease WHERE id = 1`,
    );
    return row ? { holder: row.holder, term: Number(row.term), expiresAt: row.expires_at } : null;
  }
}

/** The SQL condition that holds while `$holderParam` holds an unexpired lease. */
export function leaseHeldSql(holderParam: string): string {
  return `EXISTS (SELECT 1 FROM log_lease WHERE id = 1 AND holder = ${holderParam} AND expires_at > now())`;
}
