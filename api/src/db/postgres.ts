import postgres from 'postgres';
import type { Db, Queryable, Row, Transaction } from './db';

/** Opens a pool of connections to PostgreSQL at `url`. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true });
  const wrap = (target: postgres.Sql | postgres.TransactionSql): Queryable => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      const rows = await target.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: true,
      });
      return rows as unknown as T[];
    },
  });
  const root = wrap(sql);
  await root.query('select 1');
  return {
    kind: 'postgres',
    query: root.query,
    async exec(script) {
      await sql.unsafe(script);
    },
    transaction: async (fn) =>
      (await sql.begin((tx) => {
        const wrapped: Transaction = {
          ...wrap(tx),
          exec: async (script) => void (await tx.unsafe(script)),
        };
        return fn(wrapped);
      })) as never,
    async listen(channel, onNotify) {
      const { unlisten } = await sql.listen(channel, onNotify);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
