import { z } from 'zod';
import { HttpEnvShape } from './http/http-env';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** The API's configuration, read from the process environment once at start. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  COUNTERWEIGHT_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  COUNTERWEIGHT_CORS_ORIGINS: commaList.pipe(
    z.array(z.url({ protocol: /^https?$/, error: 'expected an http(s) origin' })),
  ),
  COUNTERWEIGHT_LOG_ORIGIN: z.string().min(1).default('counterweight.local/log'),
  COUNTERWEIGHT_LOG_KEY: z.string().min(1).optional(),
  /** How long the log's integration lease lasts (ms): a dead holder is replaced within ~1⅓ of it. */
  COUNTERWEIGHT_LOG_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(5000),
  COUNTERWEIGHT_PSEUDONYM_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected 64 hex characters (a 32-byte key)')
    .optional(),
  /** Where the alert about a removal order with 15 minutes left is posted (off unless set). */
  COUNTERWEIGHT_ORDER_ALERT_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The hosting platform's endpoint that passes each notice to its content provider (off unless set). */
  COUNTERWEIGHT_PROVIDER_NOTICE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The DSA Transparency Database (its base URL) and the account's API token; off unless both are set. */
  COUNTERWEIGHT_TDB_URL: z.url({ protocol: /^https?$/ }).optional(),
  COUNTERWEIGHT_TDB_TOKEN: z.string().min(1).optional(),
  /** The account's rate limit at the database, requests a minute. */
  COUNTERWEIGHT_TDB_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(4000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ...HttpEnvShape,
});
export type Env = z.infer<typeof EnvSchema>;

/** Thrown by {@link parseEnv} with one line per invalid variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/**
 * Parses the environment (default `process.env`). Throws an {@link EnvError} naming every
 * invalid variable, so a misconfigured server fails at start rather than on first use.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.refine(
    (env) =>
      (env.COUNTERWEIGHT_TDB_URL === undefined) === (env.COUNTERWEIGHT_TDB_TOKEN === undefined),
    {
      path: ['COUNTERWEIGHT_TDB_TOKEN'],
      message: 'set both COUNTERWEIGHT_TDB_URL and COUNTERWEIGHT_TDB_TOKEN, or neither',
    },
  ).safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}
