import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';

/** A store a suite runs against: a fresh in-memory PGlite, or a fresh database on PostgreSQL. */
export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  open(): Promise<{ db: Db; drop(): Promise<void> }>;
}

const url = process.env.DATABASE_URL;

if (!url) {
  const message =
    'DATABASE_URL is not set: the targets suites run on PGlite only. Start PostgreSQL 15 and set ' +
    'DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres to run them on PostgreSQL too.';
  if (process.env.CI === 'true') throw new Error(`CI: ${message}`);
  console.warn(`\n!!! ${message}\n`);
}

/** PGlite always; PostgreSQL when `DATABASE_URL` is set (each `open` creates its own database). */
export const TEST_DATABASES: TestDatabase[] = [
  {
    kind: 'pglite',
    async open() {
      const db = await openPglite();
      await migrate(db);
      return { db, drop: () => db.close() };
    },
  },
  ...(url
    ? [
        {
          kind: 'postgres' as const,
          async open() {
            const name = `cw_targets_${randomBytes(6).toString('hex')}`;
            const admin = await openPostgres(url, { max: 1 });
            await admin.exec(`CREATE DATABASE ${name}`);
            const target = new URL(url);
            target.pathname = `/${name}`;
            // migrations run BEGIN/COMMIT scripts, which porsager allows on a single connection only
            const migrator = await openPostgres(target.toString(), { max: 1 });
            await migrate(migrator);
            await migrator.close();
            const db = await openPostgres(target.toString(), { max: 4 });
            return {
              db,
              async drop() {
                await db.close();
                await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
                await admin.close();
              },
            };
          },
        },
      ]
    : []),
];
