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
  /**
   * Whether content providers' notices are delivered (`COUNTERWEIGHT_PROVIDER_NOTICE_URL` set):
   * then each decision that restricts content and each executed order records its notice, the
   * decision's appeal token with it until delivered.
   */
  providerNotices?: boolean;
}

/** Hono environment: values set by middleware for the handlers. */
export type AppEnv = {
  /** `client`: the key the caller is rate-limited under (its address; see http/client-address). */
  Variables: { requestId: string; principal: Principal; client: string };
};
