import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPgliteWorker } from '../db/pglite-worker';
import { openPostgres } from '../db/postgres';

export type StoreKind = 'pglite' | 'postgres';

/** The stores the storage suite runs on here: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function storesUnderTest(): StoreKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Says loudly that the PostgreSQL half of a suite is not running; under `CI=true` that is a
 * failure, so CI cannot pass while testing one store only.
 */
export function requirePostgresOrWarn(suite: string): void {
  if (process.env.DATABASE_URL) return;
  const message = `${suite}: DATABASE_URL is not set, so the PostgreSQL run is SKIPPED (PGlite only).`;
  if (process.env.CI === 'true') throw new Error(`${message} CI=true requires it.`);
  console.warn(
    `\n*** WARNING *** ${message}\n    Start it: pg_ctlcluster 15 main start; export DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres\n`,
  );
}

/**
 * A fresh, migrated database of the given kind: in-memory PGlite, PGlite on a temporary folder in
 * a worker thread (as the server runs it), or a new PostgreSQL database
 * created through the DATABASE_URL admin connection and dropped again by `drop`.
 */
export async function openTestDb(
  kind: StoreKind | 'pglite-worker',
): Promise<{ db: Db; url?: string; drop: () => Promise<void> }> {
  if (kind === 'pglite-worker') {
    const dir = mkdtempSync(join(tmpdir(), 'cw-pglite-'));
    const db = await openPgliteWorker(dir);
    await migrate(db);
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (kind === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is required for the PostgreSQL store');
  const name = `cw_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrate(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
