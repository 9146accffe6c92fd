import { z } from 'zod';
import { EnvError, EnvSchema } from '../env';
import { HttpEnvShape } from './http-env';

/** How the HTTP front treats clients: who CORS admits, rate limits, which proxies to believe. */
export interface HttpPolicy {
  /** Extension ids admitted by CORS (Chromium ids and Firefox UUIDs). */
  extensionIds: readonly string[];
  /** Anonymous requests to public endpoints per client; null: unlimited. */
  publicRate: { perSecond: number; burst: number } | null;
  /** Failed token lookups per minute per client before 429; 0: unlimited. */
  tokenFailuresPerMinute: number;
  /** Proxies whose X-Forwarded-For is believed. */
  trustedProxies: readonly string[];
}

type HttpEnv = z.infer<z.ZodObject<typeof HttpEnvShape>>;

/** The policy of parsed environment variables. */
export function httpPolicy(env: HttpEnv): HttpPolicy {
  return {
    extensionIds: env.COUNTERWEIGHT_EXTENSION_IDS,
    publicRate:
      env.COUNTERWEIGHT_PUBLIC_RATE_LIMIT > 0
        ? {
            perSecond: env.COUNTERWEIGHT_PUBLIC_RATE_LIMIT,
            burst: env.COUNTERWEIGHT_PUBLIC_RATE_BURST,
          }
        : null,
    tokenFailuresPerMinute: env.COUNTERWEIGHT_TOKEN_FAILURE_LIMIT,
    trustedProxies: env.COUNTERWEIGHT_TRUSTED_PROXIES,
  };
}

const HttpEnvSchema = EnvSchema.pick({
  COUNTERWEIGHT_EXTENSION_IDS: true,
  COUNTERWEIGHT_PUBLIC_RATE_LIMIT: true,
  COUNTERWEIGHT_PUBLIC_RATE_BURST: true,
  COUNTERWEIGHT_TOKEN_FAILURE_LIMIT: true,
  COUNTERWEIGHT_TRUSTED_PROXIES: true,
});

/**
 * The policy of the process environment (the server has already checked it with `parseEnv`);
 * throws an {@link EnvError} naming each invalid variable.
 */
export function httpPolicyFromEnv(
  source: Record<string, string | undefined> = process.env,
): HttpPolicy {
  const result = HttpEnvSchema.safeParse(source);
  if (result.success) return httpPolicy(result.data);
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}
