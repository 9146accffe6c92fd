import { Worker } from 'node:worker_threads';
import type { Db, Queryable, Row, Transaction } from './db';
import type { Reply, Request } from './pglite-thread';

type Message = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** An error raised by PGlite in the worker, with the SQLSTATE `code` kept for callers. */
export class PgliteWorkerError extends Error {
  override readonly name = 'PgliteWorkerError';
  code?: string;
  detail?: string;
  constraint?: string;
}

/**
 * Opens PGlite on `dataDir` in a worker thread, so that the database's WebAssembly runs on a
 * second core while the main thread serves HTTP. Same {@link Db} contract as `openPglite`:
 * transactions are serialised by PGlite, queries outside a transaction wait for it.
 */
export async function openPgliteWorker(dataDir: string): Promise<Db> {
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), {
    workerData: { dataDir },
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let failed: Error | null = null;
  let ready!: () => void;
  let notReady!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => ((ready = resolve), (notReady = reject)));

  worker.on('message', (reply: Reply) => {
    if (reply.id === 0) return ready();
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(Object.assign(new PgliteWorkerError(reply.error.message), reply.error));
  });
  const fail = (error: Error) => {
    failed = error;
    notReady(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the PGlite worker exited (code ${code})`)));
  await started;

  let nextTx = 1;
  const call = (message: Message): Promise<unknown> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  };
  const queryable = (tx?: number): Queryable => ({
    query: async <T = Row>(sql: string, params: readonly unknown[] = []) =>
      (await call({ op: 'query', sql, params: [...params], tx })) as T[],
  });

  return {
    kind: 'pglite',
    query: queryable().query,
    async exec(sql) {
      await call({ op: 'exec', sql });
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      // begin is not awaited: the worker runs this transaction's statements in order after it
      const tx = nextTx++;
      call({ op: 'begin', tx }).catch(() => {});
      const handle: Transaction = {
        ...queryable(tx),
        exec: async (sql) => void (await call({ op: 'exec', sql, tx })),
      };
      let result: T;
      try {
        result = await fn(handle);
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => {});
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (!failed) await call({ op: 'close' }).catch(() => {});
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
