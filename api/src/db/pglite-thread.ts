/**
 * The worker-thread side of `pglite-worker.ts`: owns one PGlite on a data folder and answers
 * query, exec and transaction messages from the main thread, one message at a time in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin'; tx: number }
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
interface OpenTransaction {
  /** Resolves to the transaction once PGlite has begun it (after any earlier one ended). */
  ready: Promise<Transaction>;
  finish: (commit: boolean) => void;
  done: Promise<void>;
  /** The first statement that failed: the transaction can then only roll back. */
  failed: Error | null;
  /** Settles when every statement sent so far for this transaction has run. */
  last: Promise<void>;
}
const open = new Map<number, OpenTransaction>();

function begin(id: number): void {
  let started!: (tx: Transaction) => void;
  const ready = new Promise<Transaction>((resolve) => (started = resolve));
  let finish!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (finish = resolve));
  const entry: OpenTransaction = {
    ready,
    finish,
    done: Promise.resolve(),
    failed: null,
    last: Promise.resolve(),
  };
  entry.done = pg.transaction(async (tx) => {
    started(tx);
    if (!(await decided) || entry.failed) await tx.rollback();
  });
  // a transaction that cannot begin fails every statement sent for it
  entry.ready = Promise.race([
    ready,
    entry.done.then(() => Promise.reject(new Error('transaction ended early'))),
  ]);
  entry.ready.catch(() => {});
  open.set(id, entry);
}

/** Runs a statement; those of a transaction run in order, and one failure fails the commit. */
function statement<T>(
  tx: number | undefined,
  run: (on: Transaction | PGlite) => Promise<T>,
): Promise<T> {
  if (tx === undefined) return run(pg);
  const entry = open.get(tx);
  if (!entry) return Promise.reject(new Error(`transaction ${tx} is not open`));
  const result = entry.last.then(async () => {
    if (entry.failed) throw entry.failed;
    return run(await entry.ready);
  });
  entry.last = result.then(
    () => {},
    (error: Error) => {
      entry.failed ??= error;
    },
  );
  return result;
}

async function handle(message: Request): Promise<unknown> {
  switch (message.op) {
    case 'query':
      return statement(
        message.tx,
        async (on) => (await on.query(message.sql, message.params)).rows,
      );
    case 'exec':
      return statement(message.tx, async (on) => void (await on.exec(message.sql)));
    case 'begin':
      begin(message.tx);
      return null;
    case 'commit':
    case 'rollback': {
      const entry = open.get(message.tx);
      if (!entry) throw new Error(`transaction ${message.tx} is not open`);
      open.delete(message.tx);
      await entry.last;
      entry.finish(message.op === 'commit');
      await entry.done;
      if (message.op === 'commit' && entry.failed)
        throw new Error(`transaction rolled back: ${entry.failed.message}`);
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
