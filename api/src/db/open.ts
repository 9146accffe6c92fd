import { join } from 'node:path';
import type { Env } from '../env';
import { lockDataDir } from './data-dir-lock';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPgliteWorker } from './pglite-worker';
import { openPostgres } from './postgres';

/**
 * Opens the store the environment points at (PostgreSQL when `DATABASE_URL` is set, else PGlite
 * in `<COUNTERWEIGHT_DATA_DIR>/pglite`, locked for this process, running in a worker thread so
 * the database has a core of its own) and brings its schema up to date.
 */
export async function openDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'COUNTERWEIGHT_DATA_DIR'>,
): Promise<Db> {
  if (env.DATABASE_URL) {
    const db = await openPostgres(env.DATABASE_URL);
    await migrate(db);
    return db;
  }
  const release = lockDataDir(env.COUNTERWEIGHT_DATA_DIR);
  try {
    const db = await openPgliteWorker(join(env.COUNTERWEIGHT_DATA_DIR, 'pglite'));
    await migrate(db);
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
