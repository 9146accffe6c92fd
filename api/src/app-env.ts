import type { Logger } from 'pino';
import type { Principal } from './auth/tokens';
import type { Db } from './db/db';
import type { LogSequencer } from './log/sequence';
import type { TransparencyLog } from './log/transparency-log';
import type { ReportIntake } from './reports/intake';
import type { TokenCache } from './auth/require-role';

/** Everything the app needs, built once by the server (`index.ts`) or a test. */
export interface AppDeps {
  db: Db;
  /** The single writer of state changes and their log entries. */
  sequencer: LogSequencer;
  /** The transparency log's tree, checkpoints and proofs, fed by the sequencer. */
  log: TransparencyLog;
  /** The group-commit writer for report intake. */
  intake: ReportIntake;
  /** Key of the actor pseudonyms written to the log. */
  pseudonymKey: Uint8Array;
  /** Web origins admitted by CORS besides the extension's. */
  corsOrigins: string[];
  logger: Logger;
  tokens: TokenCache;
}

/** Hono environment: values set by middleware for the handlers. */
export type AppEnv = {
  /** `client`: the key the caller is rate-limited under (its address; see http/client-address). */
  Variables: { requestId: string; principal: Principal; client: string };
};
