import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const NAME = /^\d{3}-[a-z0-9-]+\.sql$/;

/**
 * Applies, in name order, every `migrations/NNN-name.sql` not yet recorded in
 * `schema_migrations`, each in its own transaction. Same SQL on PGlite and PostgreSQL.
 * Returns the names applied now.
 */
export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
  );
  const names = (await readdir(dir)).filter((name) => NAME.test(name)).sort();
  const applied: string[] = [];
  for (const name of names) {
    if (done.has(name)) continue;
    const script = await readFile(`${dir}/${name}`, 'utf8');
    try {
      await db.transaction(async (tx) => {
        await tx.exec(script);
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      });
    } catch (error) {
      throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(name);
  }
  return applied;
}
