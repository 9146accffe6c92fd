import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { countTokens, createToken } from './auth/tokens';
import { openDatabase } from './db/open';
import { createDeps } from './deps';
import { EnvError, parseEnv } from './env';
import { createLogger } from './logger';
import { LogIntegrityError } from './log/transparency-log';
import { pageScripts } from './pages/page-scripts';
import { DeadlineAlertJob } from './orders/deadline-alerts';
import { RetentionJob } from './retention/retention-job';
import { TdbSender } from './tdb/sender';
import { ProviderNoticeSender } from './notices/notice-sender';
import { TdbClient } from './tdb/tdb-client';
import { loadPseudonymKey } from './secrets';

/** Advisory lock key ("cw" and 0x10) of the first tokens' transaction. */
const FIRST_TOKENS_LOCK = 0x6377_0010;

async function main(): Promise<void> {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openDatabase(env);
  const deps = await createDeps(db, {
    pseudonymKey: loadPseudonymKey(env.COUNTERWEIGHT_DATA_DIR, env.COUNTERWEIGHT_PSEUDONYM_KEY),
    corsOrigins: env.COUNTERWEIGHT_CORS_ORIGINS,
    logger,
    log: {
      dataDir: env.COUNTERWEIGHT_DATA_DIR,
      signerKey: env.COUNTERWEIGHT_LOG_KEY,
      origin: env.COUNTERWEIGHT_LOG_ORIGIN,
      leaseMs: env.COUNTERWEIGHT_LOG_LEASE_MS,
    },
    providerNotices: env.COUNTERWEIGHT_PROVIDER_NOTICE_URL !== undefined,
  });
  const app = createApp(deps);
  // the pages' scripts are bundled and compressed now, not at the first visitor's request
  pageScripts().catch((error) => logger.error({ err: error }, 'bundling the pages failed'));
  const retention = new RetentionJob({ ...deps, now: () => new Date() }, logger).start();
  const alerts = env.COUNTERWEIGHT_ORDER_ALERT_URL
    ? new DeadlineAlertJob({
        db,
        now: () => new Date(),
        webhookUrl: env.COUNTERWEIGHT_ORDER_ALERT_URL,
        logger,
      }).start()
    : null;
  // Only the instance holding the log lease sends, so that two instances never race on a batch.
  const tdb =
    env.COUNTERWEIGHT_TDB_URL && env.COUNTERWEIGHT_TDB_TOKEN
      ? new TdbSender(
          {
            db,
            client: new TdbClient(env.COUNTERWEIGHT_TDB_URL, env.COUNTERWEIGHT_TDB_TOKEN),
            logger,
            active: () => deps.log.integrating,
          },
          { requestsPerMinute: env.COUNTERWEIGHT_TDB_RATE_LIMIT },
        ).start()
      : null;

  // Every instance sends: each notice is claimed in the database, so it goes out from one at a time.
  const notices = env.COUNTERWEIGHT_PROVIDER_NOTICE_URL
    ? new ProviderNoticeSender({
        db,
        sequencer: deps.sequencer,
        url: env.COUNTERWEIGHT_PROVIDER_NOTICE_URL,
        logger,
      }).start()
    : null;

  // Under a lock, so that of several instances starting on a new database only one makes them.
  const firstTokens = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_TOKENS_LOCK]);
    return (await countTokens(tx)) === 0
      ? [
          await createToken(tx, 'admin', 'first admin'),
          await createToken(tx, 'reviewer', 'first reviewer'),
        ]
      : [];
  });

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    const store =
      db.kind === 'pglite'
        ? `PGlite in ${env.COUNTERWEIGHT_DATA_DIR}/pglite`
        : 'PostgreSQL (DATABASE_URL)';
    console.log(`Counterweight API listening on ${url} (store: ${store})`);
    console.log(`  API docs: ${url}/docs   OpenAPI: ${url}/openapi.json`);
    console.log(
      `  Transparency log ${env.COUNTERWEIGHT_LOG_ORIGIN}, verifier key: ${deps.log.verifierKey}`,
    );
    for (const t of firstTokens)
      console.log(`  First ${t.role} token (shown once, keep it safe): ${t.token}`);
    const extension = fileURLToPath(new URL('../../extension/.output/chrome-mv3', import.meta.url));
    if (existsSync(extension))
      console.log(
        `  Extension: load the unpacked folder ${extension} (chrome://extensions, developer mode), then set this API URL and a token in its options`,
      );
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    void Promise.all([retention.stop(), alerts?.stop(), tdb?.stop(), notices?.stop()])
      .then(() => deps.log.close())
      .then(() => db.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof LogIntegrityError)
    console.error(
      `Refusing to start: the transparency log failed its integrity check.\n${error.message}`,
    );
  else console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
