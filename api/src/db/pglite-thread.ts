/**
 * The worker-thread side of `pglite-worker.ts`: owns one PGlite on a data folder and answers
 * query, exec and transaction messages from the main thread, one message at a time in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

export type Reply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: { message: string; code?: string; detail?: string; constraint?: string };
    };

const port = parentPort!;
const pg = new PGlite((workerData as { dataDir?: string }).dataDir);
const open = new Map<
  number,
  { tx: Transaction; finish: (commit: boolean) => void; done: Promise<void> }
>();
let nextTx = 1;

function txOf(id: number | undefined): Transaction | PGlite {
  if (id === undefined) return pg;
  const entry = open.get(id);
  if (!entry) throw new Error(`transaction ${id} is not open`);
  return entry.tx;
}

async function handle(message: Request): Promise<unknown> {
  switch (message.op) {
    case 'query':
      return (await txOf(message.tx).query(message.sql, message.params)).rows;
    case 'exec':
      await txOf(message.tx).exec(message.sql);
      return null;
    case 'begin': {
      let started!: (tx: Transaction) => void;
      const ready = new Promise<Transaction>((resolve) => (started = resolve));
      let finish!: (commit: boolean) => void;
      const decided = new Promise<boolean>((resolve) => (finish = resolve));
      const done = pg.transaction(async (tx) => {
        started(tx);
        if (!(await decided)) await tx.rollback();
      });
      // a transaction that fails to start rejects `done` before `ready` resolves
      const tx = await Promise.race([
        ready,
        done.then(() => Promise.reject(new Error('transaction ended early'))),
      ]);
      const id = nextTx++;
      open.set(id, { tx, finish, done });
      return id;
    }
    case 'commit':
    case 'rollback': {
      const entry = open.get(message.tx);
      if (!entry) throw new Error(`transaction ${message.tx} is not open`);
      open.delete(message.tx);
      entry.finish(message.op === 'commit');
      await entry.done;
      return null;
    }
    case 'close':
      await pg.close();
      return null;
  }
}

await pg.waitReady;
port.on('message', (message: Request) => {
  handle(message).then(
    (value) => port.postMessage({ id: message.id, ok: true, value } satisfies Reply),
    (error: { message?: string; code?: string; detail?: string; constraint?: string }) =>
      port.postMessage({
        id: message.id,
        ok: false,
        error: {
          message: String(error?.message ?? error),
          code: error?.code,
          detail: error?.detail,
          constraint: error?.constraint,
        },
      } satisfies Reply),
  );
});
port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies Reply);
