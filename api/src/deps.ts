import type { Logger } from 'pino';
import type { AppDeps } from './app-env';
import { TokenCache } from './auth/require-role';
import type { Db } from './db/db';
import { loadLogKey } from './log/log-key';
import { LogSequencer } from './log/sequence';
import { TransparencyLog } from './log/transparency-log';
import { ReportIntake } from './reports/intake';

/** Builds the app's dependencies over an open, migrated database. */
export async function createDeps(
  db: Db,
  options: {
    pseudonymKey: Uint8Array;
    corsOrigins?: string[];
    logger: Logger;
    maxBatch?: number;
    /** The log's signing key and origin; without a data dir or key, an in-memory key (tests). */
    log?: { dataDir?: string; signerKey?: string; origin?: string; leaseMs?: number };
    /** Record content providers' notices for delivery (see `AppDeps.providerNotices`). */
    providerNotices?: boolean;
  },
): Promise<AppDeps> {
  const sequencer = await LogSequencer.open(db);
  const origin = options.log?.origin ?? 'counterweight.local/log';
  const key = await loadLogKey({ ...options.log, origin });
  const log = await TransparencyLog.open({
    db,
    sequencer,
    key,
    origin,
    logger: options.logger,
    // PGlite: only this process can open the database (data-dir lock), so a lease left by a
    // previous process that died is this process's to take at once.
    lease: { ttlMs: options.log?.leaseMs, takeOverAtOpen: db.kind === 'pglite' },
  });
  return {
    db,
    sequencer,
    log,
    intake: new ReportIntake(sequencer, { maxBatch: options.maxBatch ?? 256 }),
    pseudonymKey: options.pseudonymKey,
    corsOrigins: options.corsOrigins ?? [],
    logger: options.logger,
    tokens: new TokenCache(db),
    providerNotices: options.providerNotices ?? false,
  };
}
