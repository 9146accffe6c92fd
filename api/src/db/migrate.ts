import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const NAME = /^\d{3}-[a-z0-9-]+\.sql$/;

/** Advisory lock key ("cw" and 0) held by the transaction that applies a migration. */
const MIGRATION_LOCK = 0x6377_0000;

/**
 * Applies, in name order, every `migrations/NNN-name.sql` not yet recorded in
 * `schema_migrations`, each in its own transaction. Same SQL on PGlite and PostgreSQL. Several
 * processes starting at once on one database apply each migration once: each transaction takes
 * a transaction-scoped advisory lock first and skips a migration applied meanwhile.
 * Returns the names applied now.
 */
export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const done = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
  );
  const names = (await readdir(dir)).filter((name) => NAME.test(name)).sort();
  const applied: string[] = [];
  for (const name of names) {
    if (done.has(name)) continue;
    const script = await readFile(`${dir}/${name}`, 'utf8');
    let now = false;
    try {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const [already] = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
        if (already) return; // another process applied it meanwhile
        await tx.exec(script);
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        now = true;
      });
    } catch (error) {
      throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    if (now) applied.push(name);
  }
  return applied;
}
