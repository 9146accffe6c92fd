/** One row as a plain object keyed by column name. */
export type Row = Record<string, unknown>;

/** Something that runs parameterised SQL (`$1`, `$2`…): the database or an open transaction. */
export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The thin storage interface the API is written against, implemented over embedded PGlite and
 * over PostgreSQL (porsager `postgres`). Both speak the same SQL; differences in how values come
 * back are kept out of callers by casting in SQL: ids and counters as `::text`/`::int`,
 * timestamps through {@link isoSql}, JSON as `jsonb` (parsed), bytea as `Uint8Array`.
 */
/** An open transaction: parameterised queries, and scripts of several statements. */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of each `NOTIFY` on `channel` (PostgreSQL only: an embedded
   * database has one process, nobody else to hear from). Resolves to the unsubscribe function.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** SQL expression rendering a `timestamptz` column as ISO 8601 UTC with milliseconds. */
export function isoSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
