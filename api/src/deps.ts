import type { Logger } from 'pino';
import type { AppDeps } from './app-env';
import { TokenCache } from './auth/require-role';
import type { Db } from './db/db';
import { LogSequencer } from './log/sequence';
import { ReportIntake } from './reports/intake';

/** Builds the app's dependencies over an open, migrated database. */
export async function createDeps(
  db: Db,
  options: { pseudonymKey: Uint8Array; corsOrigins?: string[]; logger: Logger; maxBatch?: number },
): Promise<AppDeps> {
  const sequencer = await LogSequencer.open(db);
  return {
    db,
    sequencer,
    intake: new ReportIntake(sequencer, { maxBatch: options.maxBatch ?? 256 }),
    pseudonymKey: options.pseudonymKey,
    corsOrigins: options.corsOrigins ?? [],
    logger: options.logger,
    tokens: new TokenCache(db),
  };
}
