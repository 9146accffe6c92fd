import { CHROMIUM_EXTENSION_ID, EXTENSION_ID } from '@counterweight/shared/extension-id';
import { z } from 'zod';

const FIREFOX_EXTENSION_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const split = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** A number from the environment; unset or blank gives `fallback`. */
const numberOr = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : Number(value)))
    .pipe(z.number({ error: 'expected a number' }).min(0, 'must be 0 or more'));

/**
 * The HTTP front's variables (CORS, rate limits, proxies), part of `EnvSchema` in `env.ts`. See
 * README "Rate limits, CORS and token throttling".
 */
export const HttpEnvShape = {
  /**
   * Extension ids admitted by CORS: Chromium ids (32 letters a-p, as `chrome-extension://ID`) and
   * Firefox extension UUIDs (as `moz-extension://UUID`, random per install). Unset: the built
   * extension's id; empty: no extension.
   */
  COUNTERWEIGHT_EXTENSION_IDS: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? [EXTENSION_ID] : split(value.toLowerCase())))
    .pipe(
      z.array(
        z
          .string()
          .refine((id) => CHROMIUM_EXTENSION_ID.test(id) || FIREFOX_EXTENSION_UUID.test(id), {
            error: 'expected Chromium extension ids (32 letters a-p) or Firefox extension UUIDs',
          }),
      ),
    ),
  /** Anonymous requests per second per client to the public endpoints; 0 turns the limit off. */
  COUNTERWEIGHT_PUBLIC_RATE_LIMIT: numberOr(20),
  /** How many anonymous requests a client may make at once before the rate applies. */
  COUNTERWEIGHT_PUBLIC_RATE_BURST: numberOr(100).pipe(z.number().int().min(1, 'must be 1 or more')),
  /** Failed token lookups per minute per client before 429; 0 turns the throttle off. */
  COUNTERWEIGHT_TOKEN_FAILURE_LIMIT: numberOr(10),
  /** Addresses of proxies (load balancers) whose X-Forwarded-For names the client. */
  COUNTERWEIGHT_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) => split(value.toLowerCase()))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'expected IP addresses' }))),
};
