import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row, Transaction } from './db';

/**
 * Opens embedded PGlite: in memory when `dataDir` is undefined, else persisted in that folder.
 * PGlite is single-process: only one process may open a folder at a time (see `data-dir-lock.ts`).
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  const wrap = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const root = wrap(pg);
  return {
    kind: 'pglite',
    query: root.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction: (fn) =>
      pg.transaction((tx) => {
        const wrapped: Transaction = {
          ...wrap(tx),
          exec: async (sql) => void (await tx.exec(sql)),
        };
        return fn(wrapped);
      }),
    close: () => pg.close(),
  };
}
